using System;
using System.Collections.Generic;
using System.Diagnostics;
using Spectre.Console;

namespace ConvGen.DigitCnn;

/// <summary>One epoch's figures: mean loss and accuracy on the training batches (each batch classified before
/// its step), accuracy on the test digits after the epoch, and the time since training began.</summary>
internal readonly record struct EpochResult(int Epoch, double Loss, double TrainAccuracy, double TestAccuracy, double Seconds);

/// <summary>Shows training as it goes: a live Spectre.Console table in a terminal; a plain line per epoch when the
/// output is redirected or the console is not interactive (CI logs, pipes).</summary>
internal static class TrainingProgress
{
    /// <summary>A terminal that takes cursor movement: output not redirected, no CI variable (Spectre.Console knows
    /// the CI services' own variables, not the generic CI=true), and Spectre.Console finds it interactive and ANSI.</summary>
    public static bool Live =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null or "" or "false" or "0" &&
        AnsiConsole.Profile.Capabilities.Interactive && AnsiConsole.Profile.Capabilities.Ansi;

    /// <summary>Runs <paramref name="trainEpoch"/> for epochs 1..<paramref name="epochs"/>; it reports each step
    /// (steps done, mean loss so far) through the callback it is given and returns the epoch's figures.</summary>
    public static List<EpochResult> Run(int epochs, int steps, Func<int, Action<int, double>, EpochResult> trainEpoch)
    {
        var results = new List<EpochResult>();
        var clock = Stopwatch.StartNew();
        EpochResult Finish(EpochResult r)
        {
            r = r with { Seconds = clock.Elapsed.TotalSeconds };
            results.Add(r);
            return r;
        }

        if (!Live)
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                EpochResult r = Finish(trainEpoch(epoch, static (_, _) => { }));
                Console.WriteLine($"  epoch {r.Epoch}/{epochs}: loss {r.Loss:0.0000}, training accuracy {r.TrainAccuracy:0.00}%, " +
                                  $"test accuracy {r.TestAccuracy:0.00}%, {r.Seconds:0.0} s");
            }

            return results;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Epoch")
            .AddColumn("Progress")
            .AddColumn(new TableColumn("Loss").RightAligned())
            .AddColumn(new TableColumn("Train accuracy").RightAligned())
            .AddColumn(new TableColumn("Test accuracy").RightAligned())
            .AddColumn(new TableColumn("Elapsed").RightAligned())
            .Caption("[grey]loss: mean cross-entropy; train accuracy: each batch before its update step[/]");
        AnsiConsole.Live(table).Start(ctx =>
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                int row = table.Rows.Count;
                table.AddRow($"{epoch}/{epochs}", Bar(0), "", "", "", "");
                ctx.Refresh();
                var lastRefresh = Stopwatch.StartNew();
                EpochResult r = Finish(trainEpoch(epoch, (done, loss) =>
                {
                    if (lastRefresh.ElapsedMilliseconds >= 100)
                    {
                        table.UpdateCell(row, 1, Bar((double)done / steps));
                        table.UpdateCell(row, 2, $"{loss:0.0000}");
                        table.UpdateCell(row, 5, $"{clock.Elapsed.TotalSeconds:0.0} s");
                        ctx.Refresh();
                        lastRefresh.Restart();
                    }
                }));
                table.UpdateCell(row, 1, Bar(1));
                table.UpdateCell(row, 2, $"{r.Loss:0.0000}");
                table.UpdateCell(row, 3, $"{r.TrainAccuracy:0.00}%");
                table.UpdateCell(row, 4, $"{r.TestAccuracy:0.00}%");
                table.UpdateCell(row, 5, $"{r.Seconds:0.0} s");
                ctx.Refresh();
            }
        });
        return results;
    }

    /// <summary>A 10-character bar and the percentage (the table fits 80 columns), as Spectre markup.</summary>
    private static string Bar(double fraction)
    {
        const int width = 10;
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        (char full, char empty) = AnsiConsole.Profile.Capabilities.Unicode ? ('━', '─') : ('#', '-');
        return $"[green]{new string(full, filled)}[/][grey]{new string(empty, width - filled)}[/] {fraction * 100,3:0}%";
    }
}
