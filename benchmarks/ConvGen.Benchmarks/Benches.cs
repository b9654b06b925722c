using System;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks;

/// <summary>One layer, one member: ConvGen against the plain loop (the baseline) and im2col + TensorPrimitives.</summary>
public abstract class LayerBench
{
    public abstract Shape Shape { get; }

    /// <summary>Which member is measured ("Forward", "Transpose", "WeightsGradient").</summary>
    public virtual string Member => "Forward";

    /// <summary>Samples per call.</summary>
    public virtual int Batch => 1;

    /// <summary>FLOPs of one call.</summary>
    public long Flops => Shape.Flops * Batch;

    protected float[] X = [], K = [], Y = [], Col = [], Bias = [], Residual = [];

    [GlobalSetup]
    public void Setup()
    {
        var s = Shape;
        var rng = new Random(42);
        float[] Fill(int n) { var a = new float[n]; for (var i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1); return a; }
        X = Fill(s.InputLength * Batch);
        K = Fill(s.WeightsLength);
        Y = Fill(s.OutputLength * Batch);
        Bias = Fill(s.D);
        Residual = Fill(s.OutputLength * Batch);
        Col = new float[Math.Max(1, (s.C / s.Groups) * s.P * s.Q * s.OutH * s.OutW)];
    }

    protected abstract void Generated();

    [Benchmark(Description = "ConvGen")]
    public void ConvGen() => Generated();

    [Benchmark(Baseline = true, Description = "6-loop")]
    public void Loop()
    {
        switch (Member)
        {
            case "Transpose": Baselines.NaiveTranspose(Shape, Y, K, X); break;
            case "WeightsGradient": Baselines.NaiveWeightsGradient(Shape, X, Y, K); break;
            default:
                for (var n = 0; n < Batch; n++)
                {
                    var x = X.AsSpan(n * Shape.InputLength, Shape.InputLength);
                    var y = Y.AsSpan(n * Shape.OutputLength, Shape.OutputLength);
                    if (Shape.Transposed) Baselines.NaiveConvTranspose(Shape, x, K, y);
                    else Baselines.NaiveForward(Shape, x, K, y);
                }

                break;
        }
    }

}

/// <summary>Forward of a [Conv2D] layer: also against im2col + TensorPrimitives.</summary>
public abstract class ForwardBench : LayerBench
{
    [Benchmark(Description = "im2col+TP")]
    public void Im2Col()
    {
        for (var n = 0; n < Batch; n++)
            Baselines.Im2ColForward(Shape, X.AsSpan(n * Shape.InputLength, Shape.InputLength), K,
                Y.AsSpan(n * Shape.OutputLength, Shape.OutputLength), Col);
    }
}

public class Tiny_C1H3W3_D2_2x2 : ForwardBench { public override Shape Shape => new(1, 3, 3, 2, 2, 2); protected override void Generated() => L1Tiny.Forward(X, K, Y); }
public class Seed_C1H4W4_D1_3x3 : ForwardBench { public override Shape Shape => new(1, 4, 4, 1, 3, 3); protected override void Generated() => L2Seed.Forward(X, K, Y); }
public class Mnist_C1H28W28_D8_5x5 : ForwardBench { public override Shape Shape => new(1, 28, 28, 8, 5, 5); protected override void Generated() => L3Mnist.Forward(X, K, Y); }
public class Cifar_C3H32W32_D16_3x3 : ForwardBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3); protected override void Generated() => L4Cifar.Forward(X, K, Y); }
public class Mid_C16H32W32_D32_3x3 : ForwardBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3); protected override void Generated() => L5Mid.Forward(X, K, Y); }
public class ResNet_C64H56W56_D64_3x3 : ForwardBench { public override Shape Shape => new(64, 56, 56, 64, 3, 3); protected override void Generated() => L6ResNet.Forward(X, K, Y); }
public class Pointwise_C64H28W28_D128_1x1 : ForwardBench { public override Shape Shape => new(64, 28, 28, 128, 1, 1); protected override void Generated() => L7Pointwise.Forward(X, K, Y); }
public class Stem_C3H224W224_D64_7x7s2 : ForwardBench { public override Shape Shape => new(3, 224, 224, 64, 7, 7, Stride: 2); protected override void Generated() => L8Stem.Forward(X, K, Y); }
public class SobelConst_C1H4W4 : ForwardBench { public override Shape Shape => new(1, 4, 4, 1, 3, 3); protected override void Generated() => SobelConst.Forward(X, Y); }
public class Strided_C16H32W32_D32_3x3s2p1 : ForwardBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Stride: 2, Padding: 1); protected override void Generated() => Strided.Forward(X, K, Y); }
public class Depthwise_C64H56W56_3x3p1 : ForwardBench { public override Shape Shape => new(64, 56, 56, 64, 3, 3, Padding: 1, Groups: 64); protected override void Generated() => Depthwise.Forward(X, K, Y); }
public class Upsample_T_C32H16W16_D16_4x4s2p1 : LayerBench { public override Shape Shape => new(32, 16, 16, 16, 4, 4, Stride: 2, Padding: 1, Transposed: true); protected override void Generated() => Upsample.Forward(X, K, Y); }

public class SobelImage_C1H256W256_const : ForwardBench { public override Shape Shape => new(1, 256, 256, 1, 3, 3, Padding: 1); protected override void Generated() => SobelImage.Forward(X, Y); }
public class SobelImage_C1H256W256_runtime : ForwardBench { public override Shape Shape => new(1, 256, 256, 1, 3, 3, Padding: 1); protected override void Generated() => SobelImageRuntime.Forward(X, K, Y); }
public class Seed_Batch16 : ForwardBench { public override Shape Shape => new(1, 4, 4, 1, 3, 3); public override int Batch => 16; protected override void Generated() => L2Seed.Forward(X, K, Y); }
public class Cifar_Batch8 : ForwardBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3); public override int Batch => 8; protected override void Generated() => L4Cifar.Forward(X, K, Y); }

public class Cifar_Transpose : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3); public override string Member => "Transpose"; protected override void Generated() => L4Cifar.Transpose(Y, K, X); }
public class Cifar_WeightsGradient : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3); public override string Member => "WeightsGradient"; protected override void Generated() => L4Cifar.WeightsGradient(X, Y, K); }
public class Mid_Transpose : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3); public override string Member => "Transpose"; protected override void Generated() => L5Mid.Transpose(Y, K, X); }
public class Mid_WeightsGradient : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3); public override string Member => "WeightsGradient"; protected override void Generated() => L5Mid.WeightsGradient(X, Y, K); }
public class ResNet_Transpose : LayerBench { public override Shape Shape => new(64, 56, 56, 64, 3, 3); public override string Member => "Transpose"; protected override void Generated() => L6ResNet.Transpose(Y, K, X); }
public class ResNet_WeightsGradient : LayerBench { public override Shape Shape => new(64, 56, 56, 64, 3, 3); public override string Member => "WeightsGradient"; protected override void Generated() => L6ResNet.WeightsGradient(X, Y, K); }

public class Audio1D_C64W512_D64_3p1 : LayerBench { public override Shape Shape => new(64, 1, 512, 64, 1, 3, Padding: 1, Dims: 1); protected override void Generated() => Audio1D.Forward(X, K, Y); }
public class Audio1DAs2D_C64H1W512_D64_1x3 : LayerBench { public override Shape Shape => new(64, 1, 512, 64, 1, 3, Padding: 1, Dims: 1); protected override void Generated() => Audio1DAs2D.Forward(X, K, Y); }
public class Video3D_C16T8H16W16_D32_3x3x3p1 : LayerBench { public override Shape Shape => new(16, 16, 16, 32, 3, 3, Padding: 1, T: 8, R: 3, Dims: 3); protected override void Generated() => Video3D.Forward(X, K, Y); }

public class Act_Mid_None : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidNone.Forward(X, K, Bias, Y); }
public class Act_Mid_Relu : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidRelu.Forward(X, K, Bias, Y); }
public class Act_Mid_Relu6 : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidRelu6.Forward(X, K, Bias, Y); }
public class Act_Mid_LeakyRelu : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidLeakyRelu.Forward(X, K, Bias, Y); }
public class Act_Mid_Sigmoid : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidSigmoid.Forward(X, K, Bias, Y); }
public class Act_Mid_Tanh : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidTanh.Forward(X, K, Bias, Y); }
public class Act_Mid_Silu : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidSilu.Forward(X, K, Bias, Y); }
public class Act_Mid_HardSigmoid : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidHardSigmoid.Forward(X, K, Bias, Y); }
public class Act_Mid_HardSwish : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidHardSwish.Forward(X, K, Bias, Y); }
public class Act_Mid_Clip : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidClip.Forward(X, K, Bias, Y); }
public class Act_Cifar_None : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarNone.Forward(X, K, Bias, Y); }
public class Act_Cifar_Relu : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarRelu.Forward(X, K, Bias, Y); }
public class Act_Cifar_Relu6 : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarRelu6.Forward(X, K, Bias, Y); }
public class Act_Cifar_LeakyRelu : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarLeakyRelu.Forward(X, K, Bias, Y); }
public class Act_Cifar_Sigmoid : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarSigmoid.Forward(X, K, Bias, Y); }
public class Act_Cifar_Tanh : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarTanh.Forward(X, K, Bias, Y); }
public class Act_Cifar_Silu : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarSilu.Forward(X, K, Bias, Y); }
public class Act_Cifar_HardSigmoid : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarHardSigmoid.Forward(X, K, Bias, Y); }
public class Act_Cifar_HardSwish : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarHardSwish.Forward(X, K, Bias, Y); }
public class Act_Cifar_Clip : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarClip.Forward(X, K, Bias, Y); }
public class Act_Mid_ReluResidual : LayerBench { public override Shape Shape => new(16, 32, 32, 32, 3, 3, Padding: 1); protected override void Generated() => MidResidual.Forward(X, K, Bias, Residual, Y); }
public class Act_Cifar_ReluResidual : LayerBench { public override Shape Shape => new(3, 32, 32, 16, 3, 3, Padding: 1); protected override void Generated() => CifarResidual.Forward(X, K, Bias, Residual, Y); }

/// <summary>A fully connected layer: also against a hand-written dot-product loop (Vector512, else Vector256).</summary>
public abstract class LinearBench : LayerBench
{
    /// <summary>Whether the layer adds a bias (the hand-written loop then adds it too).</summary>
    protected virtual bool WithBias => false;

    [Benchmark(Description = "hand SIMD")]
    public void Hand() => Baselines.HandLinear(Shape.InputLength, Shape.OutputLength, Batch, X, K, WithBias ? Bias : default, Y);
}

public class Linear_1024x256 : LinearBench { public override Shape Shape => new(1024, 1, 1, 256, 1, 1); protected override void Generated() => Fc1024x256.Forward(X, K, Y); }
public class Linear_1024x256_Batch64 : LinearBench { public override Shape Shape => new(1024, 1, 1, 256, 1, 1); public override int Batch => 64; protected override void Generated() => Fc1024x256.Forward(X, K, Y); }
public class Linear_256x10_Bias : LinearBench { public override Shape Shape => new(256, 1, 1, 10, 1, 1); protected override bool WithBias => true; protected override void Generated() => Fc256x10.Forward(X, K, Bias, Y); }
public class DigitsDense_C16H8W8_D10_8x8 : LinearBench { public override Shape Shape => new(16, 8, 8, 10, 8, 8); protected override bool WithBias => true; protected override void Generated() => DigitsDense.Forward(X, K, Bias, Y); }
