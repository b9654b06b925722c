using System;
using System.Globalization;
using System.Linq;
using ConvGen.BenchmarkSupport;

namespace ConvGen.PeerBenchmarks;

/// <summary>A fast sanity pass (not a benchmark): each layer checked as in the BenchmarkDotNet setup, then the median
/// of timed batches for ConvGen (one thread, every core), ORT (one thread, every core) and LibTorch (one thread, its
/// default count); the gradient rows have no ConvGen all-cores time, and WeightsGradient no ORT time.</summary>
public static class QuickRun
{
    public static void Run(string[] filters)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"layer",-40} {"ConvGen",12} {"ConvGen all",12} {"ORT 1 thread",13} {"ORT all",12} {"LibTorch 1",12} {"LibTorch all",13} {"vs ORT1",8} {"vs LibT1",9} {"all vs ORT",11} {"all vs LibT",12}   ({Environment.ProcessorCount} cores, LibTorch default {LibTorchThreads.Default} threads)"));
        var types = typeof(PeerBench).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IPeerLayer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => filters.Length == 0 || filters.Any(f => t.Name.Contains(f, StringComparison.OrdinalIgnoreCase)));
        foreach (var type in types)
        {
            double gen, genAll = double.NaN, one = double.NaN, all = double.NaN, torch, torchAll;
            switch (Activator.CreateInstance(type))
            {
                case PeerBench b:
                    b.Setup();
                    try
                    {
                        (gen, genAll, one, all, torch) = (Time(b.ConvGen), Time(b.ConvGenAllCores), Time(b.OrtOneThread), Time(b.OrtAllCores), Time(b.LibTorchOneThread));
                        torchAll = AllCores(b.LibTorchAllCores);
                    }
                    finally { b.Cleanup(); }
                    break;
                case GradientBench g:
                    g.Setup();
                    try
                    {
                        (gen, torch) = (Time(g.ConvGen), Time(g.RunLibTorch));
                        if (g is TransposeBench t) (one, all) = (Time(t.OrtOneThread), Time(t.OrtAllCores));
                        torchAll = AllCores(g.LibTorchAllCores);
                    }
                    finally { g.Cleanup(); }
                    break;
                default:
                    continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type.Name,-40} {Format(gen),12} {Format(genAll),12} {Format(one),13} {Format(all),12} {Format(torch),12} {Format(torchAll),13} {Ratio(gen, one),8} {Ratio(gen, torch),9} {Ratio(genAll, all),11} {Ratio(genAll, torchAll),12}"));
        }
    }

    /// <summary>Times <paramref name="run"/> with LibTorch at its default thread count, then sets it back to 1.</summary>
    private static double AllCores(Action run)
    {
        LibTorchThreads.Use(LibTorchThreads.Default);
        try { return Time(run); }
        finally { LibTorchThreads.Use(1); }
    }

    private static string Ratio(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? "" : (a / b).ToString("G3", CultureInfo.InvariantCulture);

    private static string Format(double ns) =>
        double.IsNaN(ns) ? ""
        : ns < 1e3 ? ns.ToString("0.0 ns", CultureInfo.InvariantCulture)
        : ns < 1e6 ? (ns / 1e3).ToString("0.00 µs", CultureInfo.InvariantCulture)
        : (ns / 1e6).ToString("0.000 ms", CultureInfo.InvariantCulture);

    private static double Time(Action a) => MedianTime.Nanoseconds(a);
}
