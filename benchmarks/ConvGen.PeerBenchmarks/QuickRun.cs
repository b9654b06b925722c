using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ConvGen.PeerBenchmarks;

/// <summary>A fast sanity pass (not a benchmark): each layer checked as in the BenchmarkDotNet setup, then the median
/// of timed batches for ConvGen, ORT on one thread and ORT on every core.</summary>
public static class QuickRun
{
    public static void Run(string[] filters)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"layer",-36} {"ConvGen",12} {"ORT 1 thread",15} {"ORT all cores",15} {"ConvGen/ORT1",13} {"ConvGen/ORTall",15}   ({Environment.ProcessorCount} cores)"));
        var types = typeof(PeerBench).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(PeerBench).IsAssignableFrom(t))
            .Where(t => filters.Length == 0 || filters.Any(f => t.Name.Contains(f, StringComparison.OrdinalIgnoreCase)));
        foreach (var type in types)
        {
            var b = (PeerBench)Activator.CreateInstance(type)!;
            b.Setup();
            try
            {
                var gen = Time(b.ConvGen);
                var one = Time(b.OrtOneThread);
                var all = Time(b.OrtAllCores);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{type.Name,-36} {Format(gen),12} {Format(one),15} {Format(all),15} {gen / one,12:G3}× {gen / all,14:G3}×"));
            }
            finally
            {
                b.Cleanup();
            }
        }
    }

    private static string Format(double ns) =>
        ns < 1e3 ? ns.ToString("0.0 ns", CultureInfo.InvariantCulture)
        : ns < 1e6 ? (ns / 1e3).ToString("0.00 µs", CultureInfo.InvariantCulture)
        : (ns / 1e6).ToString("0.000 ms", CultureInfo.InvariantCulture);

    private static double Time(Action a)
    {
        // Warm up for ~0.3 s so that tiered compilation (and ORT's first runs) have settled.
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
