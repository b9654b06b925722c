using System;
using System.Globalization;
using System.Linq;
using ConvGen.BenchmarkSupport;

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

    private static double Time(Action a) => MedianTime.Nanoseconds(a);
}
