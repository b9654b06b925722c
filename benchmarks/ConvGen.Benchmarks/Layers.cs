using ConvGen;

namespace ConvGen.Benchmarks;

// The eight layers PERF-NOTES measured the peers on (float32, batch 1, NCHW, valid padding) …
[Conv2D(1, 3, 3, 2, 2, 2)] public static partial class L1Tiny;
[Conv2D(1, 4, 4, 1, 3, 3)] public static partial class L2Seed;
[Conv2D(1, 28, 28, 8, 5, 5)] public static partial class L3Mnist;
[Conv2D(3, 32, 32, 16, 3, 3)] public static partial class L4Cifar;
[Conv2D(16, 32, 32, 32, 3, 3)] public static partial class L5Mid;
[Conv2D(64, 56, 56, 64, 3, 3)] public static partial class L6ResNet;
[Conv2D(64, 28, 28, 128, 1, 1)] public static partial class L7Pointwise;
[Conv2D(3, 224, 224, 64, 7, 7, Stride = 2)] public static partial class L8Stem;

// … and the layers the speed issue adds.
[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })] public static partial class SobelConst;
[Conv2D(16, 32, 32, 32, 3, 3, Stride = 2, Padding = 1)] public static partial class Strided;
[Conv2D(64, 56, 56, 64, 3, 3, Groups = 64, Padding = 1)] public static partial class Depthwise;
[ConvTranspose2D(32, 16, 16, 16, 4, 4, Stride = 2, Padding = 1)] public static partial class Upsample;

// Constant weights on an image: the SIMD kernel with the weights folded in, against the same layer with weights at run time.
[Conv2D(1, 256, 256, 1, 3, 3, Padding = 1, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })] public static partial class SobelImage;
[Conv2D(1, 256, 256, 1, 3, 3, Padding = 1)] public static partial class SobelImageRuntime;

// Version 2's axes: a 1-D layer (keyword spotting, audio) and a 3-D one (video, volumes) of ≥ 10 MFLOP.
[Conv1D(64, 512, 64, 3, Padding = 1)] public static partial class Audio1D;
[Conv2D(64, 1, 512, 64, 1, 3, PaddingW = 1)] public static partial class Audio1DAs2D;
[Conv3D(16, 8, 16, 16, 32, 3, 3, 3, Padding = 1)] public static partial class Video3D;

// The activations fused into the epilogue (issue figures): the mid layer (144 multiply-adds per output) and the
// CIFAR layer (27 per output, where an exponential weighs as much as the convolution), each with a bias.
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true)] public static partial class MidNone;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)] public static partial class MidRelu;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu6)] public static partial class MidRelu6;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.LeakyRelu)] public static partial class MidLeakyRelu;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Sigmoid)] public static partial class MidSigmoid;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Tanh)] public static partial class MidTanh;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Silu)] public static partial class MidSilu;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.HardSigmoid)] public static partial class MidHardSigmoid;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.HardSwish)] public static partial class MidHardSwish;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Clip, ClipMin = 0, ClipMax = 6)] public static partial class MidClip;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true)] public static partial class CifarNone;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)] public static partial class CifarRelu;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu6)] public static partial class CifarRelu6;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.LeakyRelu)] public static partial class CifarLeakyRelu;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Sigmoid)] public static partial class CifarSigmoid;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Tanh)] public static partial class CifarTanh;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Silu)] public static partial class CifarSilu;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.HardSigmoid)] public static partial class CifarHardSigmoid;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.HardSwish)] public static partial class CifarHardSwish;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Clip, ClipMin = 0, ClipMax = 6)] public static partial class CifarClip;
[Conv2D(16, 32, 32, 32, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu, Residual = true)] public static partial class MidResidual;
[Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu, Residual = true)] public static partial class CifarResidual;

// Fully connected layers (the layers issue): [Linear] for one sample and a batch of 64, a classifier head, and the digits
// network's dense layer written as a [Conv2D] whose kernel covers its input.
[Linear(1024, 256)] public static partial class Fc1024x256;
[Linear(256, 10, Bias = true)] public static partial class Fc256x10;
[Conv2D(16, 8, 8, 10, 8, 8, Bias = true)] public static partial class DigitsDense;

// Pooling (the layers issue): the digits network's 2×2 max pooling, a ResNet stem's 3×3 stride-2 max pooling with
// padding, and a 2×2 average pooling.
[MaxPool2D(16, 8, 8, 2, 2)] public static partial class DigitsPool;
[MaxPool2D(64, 112, 112, 3, 3, Stride = 2, Padding = 1)] public static partial class StemPool;
[AvgPool2D(32, 32, 32, 2, 2)] public static partial class Avg32;
