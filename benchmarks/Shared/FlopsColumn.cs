using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks;

namespace ConvGen.BenchmarkSupport;

/// <summary>
/// GFLOP/s of a benchmark (its FLOPs over a statistic of its time), or that over the single-core FMA peak measured in
/// this process (<see cref="Peak"/>). <paramref name="flops"/> gives a case's FLOPs, or null where it has none.
/// </summary>
public sealed class FlopsColumn(bool percentOfPeak, Func<BenchmarkCase, double?> flops, bool median = false) : IColumn
{
    public string Id => percentOfPeak ? "PctPeak" : "GFlops";
    public string ColumnName => percentOfPeak ? "% 1-core peak" : "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => percentOfPeak ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => percentOfPeak
        ? "GFLOP/s over one core's FMA peak (12 independent FMA chains of the widest vector), measured before the run; an all-cores row can pass 100%"
        : $"2·multiply-adds / {(median ? "median" : "mean")} time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not Statistics stats || flops(benchmarkCase) is not { } f) return "-";
        var gflops = f / (median ? stats.Median : stats.Mean); // FLOP per ns = GFLOP/s
        return percentOfPeak
            ? (100 * gflops / Peak.GflopsPerCore.Value).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : gflops.ToString(gflops < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    }
}
