using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConvGen.Benchmarks;

/// <summary>GFLOP/s of a benchmark, or its share of the machine's FMA peak (measured in this process).</summary>
public sealed class FlopsColumn(bool percentOfPeak) : IColumn
{
    public string Id => percentOfPeak ? "PctPeak" : "GFlops";
    public string ColumnName => percentOfPeak ? "% peak" : "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => percentOfPeak ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => percentOfPeak ? "GFLOP/s over the single-core FMA peak measured at start-up" : "2·multiply-adds / mean time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats) return "-";
        var bench = (LayerBench)Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        var gflops = bench.Flops / stats.Mean; // FLOP per ns = GFLOP/s
        return percentOfPeak
            ? (100 * gflops / Peak.GflopsPerCore.Value).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : gflops.ToString(gflops < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    }
}
