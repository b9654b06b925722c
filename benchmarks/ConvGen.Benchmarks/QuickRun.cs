using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ConvGen.Benchmarks;

/// <summary>A fast sanity pass (not a benchmark): median of timed batches per layer, ConvGen and the plain loop.</summary>
public static class QuickRun
{
    public static void Run(string[] filters)
    {
        var peak = Peak.Measure();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak {peak:0.0} GFLOP/s"));
        var types = typeof(LayerBench).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(LayerBench).IsAssignableFrom(t))
            .Where(t => filters.Length == 0 || filters.Any(f => t.Name.Contains(f, StringComparison.OrdinalIgnoreCase)));
        foreach (var type in types)
        {
            var b = (LayerBench)Activator.CreateInstance(type)!;
            b.Setup();
            var gen = Time(b.ConvGen);
            var loop = Time(b.Loop);
            var gflops = b.Flops / gen;
            var hand = b is LinearBench l ? string.Create(CultureInfo.InvariantCulture, $"   hand {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512" : "Vector256")} {Time(l.Hand),10:0.0} ns") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type.Name,-36} ConvGen {gen,12:0.0} ns {gflops,7:0.0} GFLOP/s {100 * gflops / peak,5:0.0}%   loop {loop,14:0.0} ns   ×{loop / gen,7:0.0}{hand}"));
        }

        foreach (var type in typeof(PoolBench).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && typeof(PoolBench).IsAssignableFrom(t))
                     .Where(t => filters.Length == 0 || filters.Any(f => t.Name.Contains(f, StringComparison.OrdinalIgnoreCase))))
        {
            var b = (PoolBench)Activator.CreateInstance(type)!;
            b.Setup();
            var gen = Time(b.ConvGen);
            var loop = Time(b.Loop);
            var hand = b.HasHand ? string.Create(CultureInfo.InvariantCulture, $"   hand Vector256 {Time(b.Hand),10:0.0} ns") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type.Name,-36} ConvGen {gen,12:0.0} ns   loop {loop,14:0.0} ns   ×{loop / gen,7:0.0}{hand}"));
        }
    }

    private static double Time(Action a)
    {
        // Warm up for ~0.3 s so that tiered compilation has settled.
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 300) a();
        var once = Stopwatch.StartNew();
        a();
        var reps = (int)Math.Clamp(2e7 / Math.Max(1.0, once.Elapsed.Ticks * 100.0), 1, 1_000_000);
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
