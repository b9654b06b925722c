using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using OxyPlot;

namespace ConvGen.SampleSupport;

/// <summary>Writes an OxyPlot chart as SVG with OxyPlot.Core's own exporter (managed code only, no native library).</summary>
public static class SvgChart
{
    public static void Write(PlotModel model, string path, double width, double height)
    {
        using FileStream file = File.Create(path);
        new SvgExporter
        {
            Width = width,
            Height = height,
            TextMeasurer = new TextMeasurer(width, height),
            UseVerticalTextAlignmentWorkaround = true, // explicit y offsets: not every viewer honours dominant-baseline
        }.Export(model, file);
    }

    /// <summary>The exporter's default text measurer (PdfRenderContext: Helvetica's metrics, as Arial's) answers
    /// in points, 3/4 of the SVG's pixels, so titles, legends and labels were laid out too small and came out
    /// crowded and clipped (oxyplot/oxyplot#1737); and it gives no width to characters beyond Latin-1 (→, –).
    /// This one measures with it, such characters as a wide letter, and scales to pixels.</summary>
    private sealed class TextMeasurer(double width, double height) : RenderContextBase
    {
        private const double PixelsPerPoint = 96.0 / 72.0;
        private readonly PdfRenderContext pdf = new(width, height, OxyColors.White);

        public override int ClipCount => 0;

        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
        {
            var latin1 = new StringBuilder(text);
            for (int i = 0; i < latin1.Length; i++)
            {
                latin1[i] = latin1[i] > '\u00FF' ? 'W' : latin1[i];
            }

            OxySize size = pdf.MeasureText(latin1.ToString(), fontFamily, fontSize, fontWeight);
            return new OxySize(size.Width * PixelsPerPoint, size.Height * PixelsPerPoint);
        }

        // Only measures: the exporter draws through its own SVG render context.
        public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
            double[] dashArray, LineJoin lineJoin) => throw new NotSupportedException();

        public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness,
            EdgeRenderingMode edgeRenderingMode, double[] dashArray, LineJoin lineJoin) => throw new NotSupportedException();

        public override void DrawText(ScreenPoint p, string text, OxyColor fill, string fontFamily, double fontSize, double fontWeight,
            double rotation, HorizontalAlignment horizontalAlignment, VerticalAlignment verticalAlignment, OxySize? maxSize) =>
            throw new NotSupportedException();

        public override void PushClip(OxyRect clippingRectangle) => throw new NotSupportedException();

        public override void PopClip() => throw new NotSupportedException();
    }
}
