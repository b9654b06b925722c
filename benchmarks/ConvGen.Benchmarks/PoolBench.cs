using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks;

/// <summary>One pooling layer's Forward: ConvGen against the plain 6-loop (the baseline) and, for 2×2 windows of stride
/// 2, a hand-written Vector256 loop as a .NET developer writes it.</summary>
public abstract class PoolBench
{
    public abstract bool Max { get; }

    public abstract int C { get; }

    public abstract int H { get; }

    public abstract int W { get; }

    public abstract int K { get; }

    public virtual int Stride => K;

    public virtual int Padding => 0;

    public int OutH => (H + 2 * Padding - K) / Stride + 1;

    public int OutW => (W + 2 * Padding - K) / Stride + 1;

    protected float[] X = [], Y = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        X = new float[C * H * W];
        for (var i = 0; i < X.Length; i++) X[i] = (float)(rng.NextDouble() * 2 - 1);
        Y = new float[C * OutH * OutW];
    }

    protected abstract void Generated();

    [Benchmark(Description = "ConvGen")]
    public void ConvGen() => Generated();

    /// <summary>PyTorch's definition as plain loops: per channel and output position, the window scanned.</summary>
    [Benchmark(Baseline = true, Description = "6-loop")]
    public void Loop()
    {
        // The shape in locals (the properties are virtual), as in a hand-written loop over constants.
        int C = this.C, H = this.H, W = this.W, K = this.K, Stride = this.Stride, Padding = this.Padding, OutH = this.OutH, OutW = this.OutW;
        bool Max = this.Max;
        for (var c = 0; c < C; c++)
            for (var oy = 0; oy < OutH; oy++)
                for (var ox = 0; ox < OutW; ox++)
                {
                    float acc = Max ? float.NegativeInfinity : 0;
                    for (var ky = 0; ky < K; ky++)
                    {
                        var iy = oy * Stride + ky - Padding;
                        if ((uint)iy >= (uint)H) continue;
                        for (var kx = 0; kx < K; kx++)
                        {
                            var ix = ox * Stride + kx - Padding;
                            if ((uint)ix >= (uint)W) continue;
                            var v = X[(c * H + iy) * W + ix];
                            acc = Max ? Math.Max(acc, v) : acc + v;
                        }
                    }

                    Y[(c * OutH + oy) * OutW + ox] = Max ? acc : acc / (K * K);
                }
    }

    /// <summary>2×2, stride 2, no padding: the two input rows' maximum (or sum) with Vector256, then each pair of columns.</summary>
    public void Hand()
    {
        int C = this.C, H = this.H, W = this.W, OutH = this.OutH, OutW = this.OutW;
        bool Max = this.Max;
        Span<float> row = stackalloc float[W];
        for (var c = 0; c < C; c++)
            for (var oy = 0; oy < OutH; oy++)
            {
                var top = X.AsSpan((c * H + 2 * oy) * W, W);
                var bottom = X.AsSpan((c * H + 2 * oy + 1) * W, W);
                var i = 0;
                for (; i <= W - 8; i += 8)
                {
                    var a = Vector256.Create(top.Slice(i));
                    var b = Vector256.Create(bottom.Slice(i));
                    (Max ? Vector256.Max(a, b) : a + b).CopyTo(row.Slice(i));
                }

                for (; i < W; i++) row[i] = Max ? Math.Max(top[i], bottom[i]) : top[i] + bottom[i];
                var y = Y.AsSpan((c * OutH + oy) * OutW, OutW);
                for (var ox = 0; ox < OutW; ox++)
                    y[ox] = Max ? Math.Max(row[2 * ox], row[2 * ox + 1]) : (row[2 * ox] + row[2 * ox + 1]) * 0.25f;
            }
    }

    /// <summary>Whether <see cref="Hand"/> computes this layer.</summary>
    public bool HasHand => K == 2 && Stride == 2 && Padding == 0;
}

public class Pool_Digits_MaxPool2x2 : PoolBench
{
    public override bool Max => true;
    public override int C => 16;
    public override int H => 8;
    public override int W => 8;
    public override int K => 2;
    protected override void Generated() => DigitsPool.Forward(X, Y);

    [Benchmark(Description = "hand Vector256")]
    public void HandBench() => Hand();
}

public class Pool_Stem_MaxPool3x3s2p1 : PoolBench
{
    public override bool Max => true;
    public override int C => 64;
    public override int H => 112;
    public override int W => 112;
    public override int K => 3;
    public override int Stride => 2;
    public override int Padding => 1;
    protected override void Generated() => StemPool.Forward(X, Y);
}

public class Pool_Avg2x2_C32H32W32 : PoolBench
{
    public override bool Max => false;
    public override int C => 32;
    public override int H => 32;
    public override int W => 32;
    public override int K => 2;
    protected override void Generated() => Avg32.Forward(X, Y);

    [Benchmark(Description = "hand Vector256")]
    public void HandBench() => Hand();
}
