using System;
using System.Linq;
using ConvGen.IntegrationTests.Residual;
using Xunit;

namespace ConvGen.IntegrationTests.Linear;

/// <summary>
/// A [Linear] whose rows are a multiple of 1 KiB long copies x to a staging array before its batched tiles where x and W
/// start within 1 KiB of each other (mod 4 KiB). x and W are placed in one array at chosen distances (two that stage,
/// one that does not), at batches below, at and above one staging chunk (64 samples of 1024 floats): every output the
/// same bits as Forward one sample at a time (which never stages), and that against the reference loops.
/// </summary>
public sealed class StagedBatchTests
{
    private static readonly int[] Batches = [4, 7, 70];

    /// <summary>Distances from x to W in bytes, mod 4 KiB: 0 and 512 stage x, 2048 does not.</summary>
    private static readonly int[] Distances = [0, 512, 2048];

    [Fact]
    public void Float_Residual_StagedOrNot_IsForwardPerSample()
    {
        const int K = 1024, D = 259;
        foreach (var batch in Batches)
        {
            var x = Enumerable.Range(0, batch * K).Select(i => MathF.Sin(i * 0.37f)).ToArray();
            var w = Enumerable.Range(0, D * K).Select(i => MathF.Cos(i * 0.11f) * 0.05f).ToArray();
            var b = Enumerable.Range(0, D).Select(i => i * 0.01f - 0.5f).ToArray();
            var r = Enumerable.Range(0, batch * D).Select(i => MathF.Cos(i * 0.13f)).ToArray();
            var perSample = new float[batch * D];
            for (var n = 0; n < batch; n++)
                LSplit.Forward(x.AsSpan(n * K, K), w, b, r.AsSpan(n * D, D), perSample.AsSpan(n * D, D));
            var (reference, scale) = ResidualReference.Compute(new LinearDef(K, D) { Bias = true }, "Relu", false,
                Array.ConvertAll(x, v => (double)v), Array.ConvertAll(w, v => (double)v), Array.ConvertAll(b, v => (double)v), Array.ConvertAll(r, v => (double)v));
            ResidualReference.AssertClose("LSplit", false, reference, scale, Array.ConvertAll(perSample, v => (double)v));
            foreach (var distance in Distances)
            {
                var (xs, ws) = Placed(x, w, distance);
                var y = Enumerable.Repeat(float.NaN, batch * D).ToArray();
                LSplit.Forward(xs.Span, ws.Span, b, r, y);
                Assert.True(perSample.AsSpan().SequenceEqual(y), $"batch {batch}, distance {distance}");
                var inPlace = (float[])r.Clone();
                LSplit.Forward(xs.Span, ws.Span, b, inPlace, inPlace);
                Assert.True(perSample.AsSpan().SequenceEqual(inPlace), $"batch {batch}, distance {distance}, residual in place");
            }
        }
    }

    [Fact]
    public void Float_Plain_StagedOrNot_IsForwardPerSample()
    {
        const int K = 1024, D = 40;
        foreach (var batch in Batches)
        {
            var x = Enumerable.Range(0, batch * K).Select(i => MathF.Sin(i * 0.23f)).ToArray();
            var w = Enumerable.Range(0, D * K).Select(i => MathF.Cos(i * 0.07f)).ToArray();
            var perSample = new float[batch * D];
            for (var n = 0; n < batch; n++)
                LWide.Forward(x.AsSpan(n * K, K), w, perSample.AsSpan(n * D, D));
            foreach (var distance in Distances)
            {
                var (xs, ws) = Placed(x, w, distance);
                var y = Enumerable.Repeat(float.NaN, batch * D).ToArray();
                LWide.Forward(xs.Span, ws.Span, y);
                Assert.True(perSample.AsSpan().SequenceEqual(y), $"batch {batch}, distance {distance}");
            }
        }
    }

    [Fact]
    public void Double_StagedOrNot_IsForwardPerSample()
    {
        const int K = 128, D = 19;
        foreach (var batch in Batches)
        {
            var x = Enumerable.Range(0, batch * K).Select(i => Math.Sin(i * 0.31)).ToArray();
            var w = Enumerable.Range(0, D * K).Select(i => Math.Cos(i * 0.19)).ToArray();
            var b = Enumerable.Range(0, D).Select(i => i * 0.1 - 1).ToArray();
            var perSample = new double[batch * D];
            for (var n = 0; n < batch; n++)
                LStagedDouble.Forward(x.AsSpan(n * K, K), w, b, perSample.AsSpan(n * D, D));
            var (reference, scale) = ResidualReference.Compute(new LinearDef(K, D) { Bias = true }, "None", true, x, w, b, new double[batch * D]);
            ResidualReference.AssertClose("LStagedDouble", true, reference, scale, perSample);
            foreach (var distance in Distances)
            {
                var (xs, ws) = Placed(x, w, distance);
                var y = Enumerable.Repeat(double.NaN, batch * D).ToArray();
                LStagedDouble.Forward(xs.Span, ws.Span, b, y);
                Assert.True(perSample.AsSpan().SequenceEqual(y), $"batch {batch}, distance {distance}");
            }
        }
    }

    /// <summary>x, then W starting <paramref name="distance"/> bytes after a multiple of 4 KiB from x's start, in one array.</summary>
    private static (Memory<T> X, Memory<T> W) Placed<T>(T[] x, T[] w, int distance)
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var page = 4096 / size;
        var wStart = (x.Length + page - 1) / page * page + distance / size;
        var all = new T[wStart + w.Length];
        x.CopyTo(all, 0);
        w.CopyTo(all, wStart);
        return (all.AsMemory(0, x.Length), all.AsMemory(wStart, w.Length));
    }
}
