using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Parsing;

/// <summary>Attribute arguments → a resolved <see cref="LayerSpec"/>, or diagnostics that say why not.</summary>
internal static class SpecParser
{
    private const int AutoPadNotSet = 0, AutoPadValid = 1, AutoPadSameUpper = 2, AutoPadSameLower = 3;
    private static readonly string[] AutoPadNames = { "NotSet", "Valid", "SameUpper", "SameLower" };
    private static readonly string[] ModeNames = { "Zeros", "Reflect", "Replicate", "Circular" };

    /// <summary>Per axis, the forms of one property that exclude each other (a form may span several names).</summary>
    private static readonly (string Axis, string[][] Forms)[] ExclusiveForms =
    {
        ("vertical stride", new[] { new[] { "Stride" }, new[] { "StrideH" } }),
        ("horizontal stride", new[] { new[] { "Stride" }, new[] { "StrideW" } }),
        ("vertical dilation", new[] { new[] { "Dilation" }, new[] { "DilationH" } }),
        ("horizontal dilation", new[] { new[] { "Dilation" }, new[] { "DilationW" } }),
        ("vertical output padding", new[] { new[] { "OutputPadding" }, new[] { "OutputPaddingH" } }),
        ("horizontal output padding", new[] { new[] { "OutputPadding" }, new[] { "OutputPaddingW" } }),
        ("vertical padding", new[] { new[] { "Padding" }, new[] { "PaddingH" }, new[] { "PaddingTop", "PaddingBottom" } }),
        ("horizontal padding", new[] { new[] { "Padding" }, new[] { "PaddingW" }, new[] { "PaddingLeft", "PaddingRight" } }),
    };

    private static readonly string[] SymmetricPaddings = { "Padding", "PaddingH", "PaddingW" };

    private static readonly string[] OutputPaddings = { "OutputPadding", "OutputPaddingH", "OutputPaddingW" };

    private static readonly string[] ExplicitPaddings =
        { "Padding", "PaddingH", "PaddingW", "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight" };

    private static string? FirstGiven(AttributeArguments args, string[] names)
    {
        foreach (var name in names)
            if (args.IsGiven(name)) return name;
        return null;
    }

    public static LayerSpec? Parse(AttributeArguments args, LayerKind kind, List<DiagnosticInfo> diagnostics)
    {
        var errorsBefore = diagnostics.Count;
        var attributeName = kind == LayerKind.Conv2D ? "Conv2D" : "ConvTranspose2D";
        if (args.HasErrors(out var reason))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.Unreadable, args.AttributeLocation, attributeName, reason));
            return null;
        }

        // One report per descriptor and argument: `Stride = 0` is one mistake, not one per axis.
        HashSet<(string, string)>? reported = null;
        void Report(DiagnosticDescriptor d, string at, params object[] values)
        {
            if ((reported ??= new HashSet<(string, string)>()).Add((d.Id, at)))
                diagnostics.Add(DiagnosticInfo.Create(d, args.LocationOf(at), values));
        }

        // Sizes.
        var size = new int[6];
        for (var i = 0; i < 6; i++)
        {
            size[i] = args.Positional[i].Value is int v ? v : 0;
            if (size[i] <= 0)
                Report(Descriptors.NonPositiveSize, AttributeArguments.PositionalNames[i], AttributeArguments.PositionalNames[i], size[i]);
        }

        int c = size[0], h = size[1], w = size[2], d = size[3], p = size[4], q = size[5];

        // Two forms of one property.
        foreach (var (axisLabel, forms) in ExclusiveForms)
        {
            string? first = null;
            foreach (var form in forms)
            {
                var given = FirstGiven(args, form);
                if (given is null) continue;
                if (first is null) first = given;
                else
                {
                    Report(Descriptors.TwoForms, given, first, given, axisLabel);
                    break;
                }
            }
        }

        var autoPad = args.Int("AutoPad", AutoPadNotSet);
        if (autoPad != AutoPadNotSet && FirstGiven(args, ExplicitPaddings) is { } explicitPad)
            Report(Descriptors.TwoForms, explicitPad, "AutoPad", explicitPad, "padding");

        // Strides and dilations.
        int Step(string both, string axis)
        {
            var name = args.IsGiven(axis) ? axis : both;
            var value = args.Int(name, 1);
            if (value <= 0) Report(Descriptors.NonPositiveStep, name, name, value);
            return value;
        }

        var strideH = Step("Stride", "StrideH");
        var strideW = Step("Stride", "StrideW");
        var dilH = Step("Dilation", "DilationH");
        var dilW = Step("Dilation", "DilationW");

        // Explicit padding amounts.
        int Pad(string name, string axis, string both)
        {
            var source = args.IsGiven(name) ? name : args.IsGiven(axis) ? axis : both;
            var value = args.Int(source, 0);
            if (value < 0 && args.IsGiven(source) && source == name) Report(Descriptors.NegativePadding, source, source, value);
            return value;
        }

        foreach (var name in SymmetricPaddings)
            if (args.Int(name, 0) < 0) Report(Descriptors.NegativePadding, name, name, args.Int(name, 0));
        var padTop = Pad("PaddingTop", "PaddingH", "Padding");
        var padBottom = Pad("PaddingBottom", "PaddingH", "Padding");
        var padLeft = Pad("PaddingLeft", "PaddingW", "Padding");
        var padRight = Pad("PaddingRight", "PaddingW", "Padding");

        int OutPad(string axis)
        {
            var name = args.IsGiven(axis) ? axis : "OutputPadding";
            var value = args.Int(name, 0);
            if (value < 0) Report(Descriptors.NegativePadding, name, name, value);
            return value;
        }

        var outPadH = OutPad("OutputPaddingH");
        var outPadW = OutPad("OutputPaddingW");

        // Groups.
        var groups = args.Int("Groups", 1);
        if (groups <= 0 || (c > 0 && c % groups != 0) || (d > 0 && d % groups != 0))
            Report(Descriptors.BadGroups, "Groups", groups, c, d);

        // Enums.
        int Enum(string name, int count, string typeName)
        {
            var value = args.Int(name, 0);
            if (value < 0 || value >= count)
            {
                Report(Descriptors.UndefinedEnum, name, name, value, typeName);
                return 0;
            }

            return value;
        }

        autoPad = Enum("AutoPad", 4, "ConvAutoPad");
        var mode = (PaddingMode)Enum("PaddingMode", 4, "ConvPaddingMode");
        var relu = Enum("Activation", 2, "ConvActivation") == 1;
        var unroll = (UnrollMode)Enum("Unroll", 2, "ConvUnroll");

        // Element type.
        var element = ElementKind.Float;
        if (args.TryGet("ElementType", out var et))
        {
            var special = (et.Value as ITypeSymbol)?.SpecialType;
            if (special == SpecialType.System_Double) element = ElementKind.Double;
            else if (special != SpecialType.System_Single)
                Report(Descriptors.BadElementType, "ElementType",
                    et.Value is ITypeSymbol t ? "typeof(" + t.ToDisplayString() + ")" : "null");
        }

        // Constant weights.
        EquatableArray<double>? weights = null;
        if (args.TryGet("Weights", out var wc))
        {
            if (wc.IsNull) Report(Descriptors.WeightsNull, "Weights");
            else weights = new EquatableArray<double>(wc.Values.Select(v => v.Value is double x ? x : 0d).ToArray());
        }

        // Options that do not apply to this attribute (given with a non-default value).
        var isConv = kind == LayerKind.Conv2D;
        if (isConv)
        {
            foreach (var name in OutputPaddings)
                if (args.Int(name, 0) != 0)
                    Report(Descriptors.NotApplicable, name, name, args.Int(name, 0), attributeName, "; output padding belongs to [ConvTranspose2D]");
        }
        else if (mode != PaddingMode.Zeros)
        {
            Report(Descriptors.NotApplicable, "PaddingMode", "PaddingMode", "ConvPaddingMode." + ModeNames[(int)mode], attributeName,
                "; a transposed convolution pads with zeros only");
        }

        if (diagnostics.Count > errorsBefore)
            return null;

        // Resolve AutoPad, then check what the geometry computes, in long arithmetic.
        if (autoPad != AutoPadNotSet)
        {
            if (!ResolveAutoPad(isConv, autoPad, h, strideH, dilH, p, outPadH, "vertical", out padTop, out padBottom, Report)) return null;
            if (!ResolveAutoPad(isConv, autoPad, w, strideW, dilW, q, outPadW, "horizontal", out padLeft, out padRight, Report)) return null;
        }

        var extentH = (long)dilH * (p - 1) + 1;
        var extentW = (long)dilW * (q - 1) + 1;
        long outH, outW;
        if (isConv)
        {
            var paddedH = (long)h + padTop + padBottom;
            var paddedW = (long)w + padLeft + padRight;
            if (!Fits("padded height", paddedH) || !Fits("padded width", paddedW) ||
                !Fits("dilated kernel height", extentH) || !Fits("dilated kernel width", extentW)) return null;
            outH = paddedH < extentH ? 0 : (paddedH - extentH) / strideH + 1;
            outW = paddedW < extentW ? 0 : (paddedW - extentW) / strideW + 1;
        }
        else
        {
            if (!Fits("dilated kernel height", extentH) || !Fits("dilated kernel width", extentW)) return null;
            outH = (long)(h - 1) * strideH - padTop - padBottom + extentH + outPadH;
            outW = (long)(w - 1) * strideW - padLeft - padRight + extentW + outPadW;
            if (!Fits("OutputHeight", outH) || !Fits("OutputWidth", outW)) return null;
        }

        if (outH <= 0 || outW <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.EmptyOutput, args.AttributeLocation, outH, outW,
                $"H' = {outH}, W' = {outW}"));
            return null;
        }

        var weightsLength = (long)(isConv ? d * (long)(c / groups) : c * (long)(d / groups)) * p * q;
        if (!Fits("InputLength", (long)c * h * w) || !Fits("OutputLength", d * outH * outW) || !Fits("WeightsLength", weightsLength))
            return null;

        // Padding modes that read the input back need it to be large enough.
        if (mode is PaddingMode.Reflect or PaddingMode.Circular)
        {
            var reflect = mode == PaddingMode.Reflect;
            foreach (var (side, amount, n, axis) in new[]
                     {
                         ("top", padTop, h, "height"), ("bottom", padBottom, h, "height"),
                         ("left", padLeft, w, "width"), ("right", padRight, w, "width"),
                     })
            {
                if (reflect ? amount >= n : amount > n)
                {
                    Report(Descriptors.PaddingTooLargeForMode, "PaddingMode", ModeNames[(int)mode],
                        reflect ? "smaller than" : "at most", axis, n, side, amount);
                    return null;
                }
            }
        }

        if (!isConv)
        {
            if (!CheckOutputPadding("H", outPadH, strideH, dilH) | !CheckOutputPadding("W", outPadW, strideW, dilW))
                return null;
        }

        if (weights is { } cw && cw.Count != weightsLength)
        {
            Report(Descriptors.WeightsLength, "Weights", cw.Count, weightsLength,
                isConv ? $"d·(c/Groups)·p·q = {d}·{c / groups}·{p}·{q}" : $"c·(d/Groups)·p·q = {c}·{d / groups}·{p}·{q}");
            return null;
        }

        if (element == ElementKind.Float && weights is { } fw)
            weights = new EquatableArray<double>(fw.Select(x => (double)(float)x).ToArray());

        return new LayerSpec(kind, c, h, w, d, p, q, strideH, strideW, dilH, dilW,
            padTop, padBottom, padLeft, padRight, isConv ? 0 : outPadH, isConv ? 0 : outPadW, groups, mode,
            args.Bool("Bias"), relu, args.Bool("Flip"), element, weights, unroll);

        bool Fits(string what, long value)
        {
            if (value <= int.MaxValue) return true;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.Overflow, args.AttributeLocation, what, value));
            return false;
        }


        bool CheckOutputPadding(string axis, int value, int stride, int dil)
        {
            var limit = Math.Max(stride, dil);
            if (value < limit) return true;
            var name = args.IsGiven("OutputPadding" + axis) ? "OutputPadding" + axis : "OutputPadding";
            Report(Descriptors.OutputPaddingTooLarge, name, name, value, "stride" + axis, stride, "dilation" + axis, dil, limit);
            return false;
        }
    }

    /// <summary>ONNX auto_pad for one axis.</summary>
    private static bool ResolveAutoPad(bool isConv, int autoPad, int n, int stride, int dil, int taps, int outPad, string axis,
        out int begin, out int end, Action<DiagnosticDescriptor, string, object[]> report)
    {
        begin = end = 0;
        if (autoPad == AutoPadValid) return true;
        var extent = (long)dil * (taps - 1) + 1;
        long total = isConv
            ? ((long)n + stride - 1) / stride - 1
            : 0;
        total = isConv
            ? total * stride + extent - n                   // (ceil(n/s) − 1)·s + extent − n
            : (long)stride * (n - 1) + outPad + extent - (long)n * stride;
        if (total > int.MaxValue)
        {
            report(Descriptors.Overflow, "AutoPad", new object[] { $"the {axis} padding of AutoPad = {AutoPadNames[autoPad]}", total });
            return false;
        }

        if (total < 0)
        {
            report(Descriptors.NegativeAutoPad, "AutoPad", new object[] { AutoPadNames[autoPad], total, axis });
            return false;
        }

        var half = (int)(total / 2);
        var rest = (int)total - half;
        (begin, end) = autoPad == AutoPadSameUpper ? (half, rest) : (rest, half);
        return true;
    }
}
