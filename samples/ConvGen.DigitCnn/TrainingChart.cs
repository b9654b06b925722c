using System.Collections.Generic;
using System.Linq;
using ConvGen.SampleSupport;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ConvGen.DigitCnn;

/// <summary>The training curve as SVG (OxyPlot's managed SVG exporter): accuracy in % above, loss on a log
/// axis below, against epochs.</summary>
internal static class TrainingChart
{
    /// <summary>A point of the curve: <paramref name="Epoch"/> as a fraction (1.5 = half-way through the second
    /// epoch), the mean loss and the accuracy of the batches since the previous point.</summary>
    public readonly record struct Point(double Epoch, double Loss, double Accuracy);

    public static void Write(string path, string subtitle, int batchesPerPoint, IReadOnlyList<Point> curve,
        double initialTestAccuracy, IReadOnlyList<EpochResult> epochs)
    {
        var model = new PlotModel
        {
            Title = "ConvGen digit CNN: training curve",
            Subtitle = subtitle,
            Background = OxyColors.White,
            DefaultFont = "Arial",
            DefaultFontSize = 13,
        };
        OxyColor grid = OxyColor.FromRgb(225, 225, 225);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = "epoch", Minimum = -0.1, Maximum = epochs.Count + 0.2, MajorStep = 1,
            MinorStep = 0.25, MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = grid,
        });

        // Two panels on one x axis: accuracy in the upper half, loss in the lower half.
        model.Axes.Add(new LinearAxis
        {
            Key = "accuracy", Position = AxisPosition.Left, StartPosition = 0.53, EndPosition = 1, Title = "accuracy", Unit = "%",
            Minimum = 0, Maximum = 112, MajorStep = 20, MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = grid,
        });
        model.Axes.Add(new LogarithmicAxis
        {
            Key = "loss", Position = AxisPosition.Left, StartPosition = 0, EndPosition = 0.47, Title = "loss",
            Unit = "cross-entropy, log scale", Minimum = 0.008, Maximum = 5, MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = grid,
        });

        OxyColor blue = OxyColor.FromRgb(31, 119, 180), orange = OxyColor.FromRgb(230, 120, 20), green = OxyColor.FromRgb(30, 140, 60);
        LineSeries Line(string title, string axis, OxyColor color, IEnumerable<DataPoint> points, string? label = null)
        {
            var series = new LineSeries { Title = title, YAxisKey = axis, Color = color, StrokeThickness = 1.5 };
            if (label is not null)
            {
                (series.MarkerType, series.MarkerSize, series.MarkerFill) = (MarkerType.Circle, 4, color);
                (series.LabelFormatString, series.LabelMargin, series.TextColor) = (label, 6, color);
            }

            series.Points.AddRange(points);
            model.Series.Add(series);
            return series;
        }

        Line("test accuracy: 2,000 held-out digits, before training and after each epoch", "accuracy", green,
            epochs.Select(e => new DataPoint(e.Epoch, e.TestAccuracy)).Prepend(new DataPoint(0, initialTestAccuracy)), "{1:0.00}%")
            .StrokeThickness = 2;
        Line($"training accuracy: each {batchesPerPoint} batches, classified before their steps", "accuracy", orange,
            curve.Select(p => new DataPoint(p.Epoch, p.Accuracy)));
        Line($"training loss: mean of each {batchesPerPoint} batches", "loss", blue, curve.Select(p => new DataPoint(p.Epoch, p.Loss)));
        Line("training loss: mean over the epoch (at its middle)", "loss", blue,
            epochs.Select(e => new DataPoint(e.Epoch - 0.5, e.Loss)), "{1:0.0000}").LineStyle = LineStyle.None;
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter,
            LegendOrientation = LegendOrientation.Vertical, LegendBorderThickness = 0, LegendFontSize = 12,
            LegendLineSpacing = 3,
        });

        SvgChart.Write(model, path, 820, 640);
    }
}
