using System;
using System.Diagnostics;

namespace ConvGen.BenchmarkSupport;

/// <summary>The quick passes' timer (both benchmark programs' <c>--quick</c>): not BenchmarkDotNet, a sanity check.</summary>
public static class MedianTime
{
    /// <summary>Nanoseconds per call: ~0.3 s of warm-up (tiered compilation, a peer's first runs), then the median of 7
    /// timed batches sized to ~20 ms each.</summary>
    public static double Nanoseconds(Action a)
    {
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 300) a();
        var once = Stopwatch.StartNew();
        a();
        var reps = (int)Math.Clamp(2e7 / Math.Max(1.0, once.Elapsed.TotalNanoseconds), 1, 1_000_000);
        var samples = new double[7];
        for (var s = 0; s < samples.Length; s++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < reps; i++) a();
            samples[s] = sw.Elapsed.TotalNanoseconds / reps;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }
}
