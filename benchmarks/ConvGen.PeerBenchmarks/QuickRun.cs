using System;
using System.Globalization;
using System.Linq;
using ConvGen.BenchmarkSupport;

namespace ConvGen.PeerBenchmarks;

/// <summary>A fast sanity pass (not a benchmark): each layer checked as in the BenchmarkDotNet setup, then the median
/// of timed batches for ConvGen, ORT on one thread, ORT on every core and LibTorch on one thread.</summary>
public static class QuickRun
{
    public static void Run(string[] filters)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"layer",-36} {"ConvGen",12} {"ConvGen all",12} {"ORT 1 thread",15} {"ORT all cores",15} {"LibTorch 1 thread",18} {"ConvGen/ORT1",13} {"ConvGen/ORTall",15} {"ConvGen/LibTorch",17}   ({Environment.ProcessorCount} cores)"));
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
                var genAll = Time(b.ConvGenAllCores);
                var one = Time(b.OrtOneThread);
                var all = Time(b.OrtAllCores);
                var torch = Time(b.LibTorchOneThread);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{type.Name,-36} {Format(gen),12} {Format(genAll),12} {Format(one),15} {Format(all),15} {Format(torch),18} {gen / one,12:G3}× {gen / all,14:G3}× {gen / torch,16:G3}×"));
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

    private static double Time(Action a) => MedianTime.Nanoseconds(a);
}
