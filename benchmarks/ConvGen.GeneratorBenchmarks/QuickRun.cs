using System;
using System.Diagnostics;
using System.Linq;

namespace ConvGen.GeneratorBenchmarks;

/// <summary>
/// `-- --quick [layers]`: the keystroke and its floor, interleaved in rounds so that both see the same machine
/// state; prints the median per keystroke. A development aid; the figures of record come from BenchmarkDotNet.
/// </summary>
internal static class QuickRun
{
    public static void Run(int layers)
    {
        var bench = new GeneratorCost { Layers = layers };
        bench.Setup();
        const int rounds = 15, perRound = 100;
        var convgen = new double[rounds];
        var floor = new double[rounds];
        for (var i = 0; i < 50; i++) { bench.Keystroke(); bench.KeystrokeFloor(); }
        for (var r = 0; r < rounds; r++)
        {
            convgen[r] = Time(() => bench.Keystroke(), perRound);
            floor[r] = Time(() => bench.KeystrokeFloor(), perRound);
        }

        Console.WriteLine($"{layers} layers: keystroke {Median(convgen):F3} ms, floor {Median(floor):F3} ms, " +
                          $"ConvGen adds {Median(convgen.Zip(floor, (a, b) => a - b).ToArray()):F3} ms");

        // What Roslyn itself attributes to each generator (the figure `-p:ReportAnalyzer=true` reports in a build):
        // its pipeline steps, attribute binding included, without the driver's and the compilation's own work.
        var own = new double[rounds * perRound];
        var ownFloor = new double[rounds * perRound];
        for (var i = 0; i < own.Length; i++)
        {
            own[i] = bench.Keystroke().GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds;
            ownFloor[i] = bench.KeystrokeFloor().GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds;
        }

        Console.WriteLine($"{layers} layers: Roslyn's timing of the generator itself: ConvGen {Median(own):F3} ms, trivial generator {Median(ownFloor):F3} ms");
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
