using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConvGen.GeneratorBenchmarks;

/// <summary>
/// `-- --quick [layers]`: each keystroke and the trivial generator's, interleaved in rounds so that both see the same machine
/// state; prints the median per keystroke. A development aid; the figures of record come from BenchmarkDotNet.
/// </summary>
internal static class QuickRun
{
    public static void Run(int layers)
    {
        var bench = new GeneratorCost { Layers = layers };
        bench.Setup();
        Compare(layers, "keystroke in a method body", bench.Keystroke, bench.KeystrokeFloor);
        Compare(layers, "new constant in an unrelated class", bench.DeclarationKeystroke, bench.KeystrokeFloor);
        Compare(layers, "keystroke in an annotated file", bench.LayerFileKeystroke, bench.KeystrokeFloor);
        Compare(layers, "keystroke in a global using", bench.KeystrokeEveryLayerSees, bench.KeystrokeFloor);
    }

    private static void Compare(int layers, string what, Func<GeneratorDriver> convGen, Func<GeneratorDriver> trivial)
    {
        const int rounds = 15, perRound = 100;
        var times = new double[rounds];
        var floor = new double[rounds];
        for (var i = 0; i < 50; i++) { convGen(); trivial(); }
        for (var r = 0; r < rounds; r++)
        {
            times[r] = Time(() => convGen(), perRound);
            floor[r] = Time(() => trivial(), perRound);
        }

        Console.WriteLine($"{layers} layers, {what}: ConvGen {Median(times):F3} ms, trivial generator {Median(floor):F3} ms");

        // What Roslyn itself attributes to each generator (the figure `-p:ReportAnalyzer=true` reports in a build):
        // its pipeline steps, attribute binding included, without the driver's and the compilation's own work.
        var own = new double[rounds * perRound];
        var ownFloor = new double[rounds * perRound];
        for (var i = 0; i < own.Length; i++)
        {
            own[i] = convGen().GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds;
            ownFloor[i] = trivial().GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds;
        }

        Console.WriteLine($"{layers} layers, {what}: Roslyn's timing of each generator itself: ConvGen {Median(own):F3} ms, trivial generator {Median(ownFloor):F3} ms");
    }

    private static double Time(Action action, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) action();
        return watch.Elapsed.TotalMilliseconds / count;
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
