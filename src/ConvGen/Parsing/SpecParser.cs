using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Parsing;

/// <summary>Attribute arguments → a resolved <see cref="Layer"/> on the attribute's own axes, or diagnostics that say why not.</summary>
internal static class SpecParser
{
    private const int AutoPadNotSet = 0, AutoPadValid = 1, AutoPadSameUpper = 2, AutoPadSameLower = 3;
    private static readonly string[] AutoPadNames = { "NotSet", "Valid", "SameUpper", "SameLower" };
    private static readonly string[] ModeNames = { "Zeros", "Reflect", "Replicate", "Circular" };

    private static string? FirstGiven(AttributeArguments args, IEnumerable<string?> names)
    {
        foreach (var name in names)
            if (name is not null && args.IsGiven(name)) return name;
        return null;
    }

    /// <summary>Per axis, the forms of one property that exclude each other (a form may span several names), in the
    /// order the checks report them: strides, dilations and output paddings of each axis, then paddings.</summary>
    private static IEnumerable<(string Label, string[][] Forms)> ExclusiveForms(LayerKindInfo info)
    {
        foreach (var (what, both, axis) in new (string, string, Func<AxisNames, string?>)[]
                 {
                     ("stride", "Stride", a => a.Stride), ("dilation", "Dilation", a => a.Dilation), ("output padding", "OutputPadding", a => a.OutputPadding),
                 })
            foreach (var a in info.Axes)
                if (axis(a) is { } name)
                    yield return (a.Labelled(what), new[] { new[] { both }, new[] { name } });
        foreach (var a in info.Axes)
        {
            var forms = new List<string[]> { new[] { "Padding" } };
            if (a.Padding is { } perAxis) forms.Add(new[] { perAxis });
            forms.Add(new[] { a.Begin, a.End });
            yield return (a.Labelled("padding"), forms.ToArray());
        }
    }

    /// <summary>Every explicit padding amount the attribute declares: Padding, the per-axis forms, the one-sided ones.</summary>
    private static IEnumerable<string> ExplicitPaddings(LayerKindInfo info) =>
        new[] { "Padding" }.Concat(info.Axes.Select(a => a.Padding).OfType<string>()).Concat(info.Axes.SelectMany(a => new[] { a.Begin, a.End }));

    public static Layer? Parse(AttributeArguments args, LayerKind kind, List<DiagnosticInfo> diagnostics)
    {
        var info = LayerKindInfo.Of(kind);
        var axes = info.Axes;
        var rank = axes.Length;
        var errorsBefore = diagnostics.Count;
        var attributeName = info.Name;
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

        // Sizes: c, the input sizes, d, the kernel sizes.
        var size = new int[args.PositionalNames.Length];
        for (var i = 0; i < size.Length; i++)
        {
            size[i] = args.Positional[i].Value is int v ? v : 0;
            if (size[i] <= 0)
                Report(Descriptors.NonPositiveSize, args.PositionalNames[i], args.PositionalNames[i], size[i]);
        }

        int c = size[0], d = size[rank + 1];
        int[] n = size.Skip(1).Take(rank).ToArray(), k = size.Skip(rank + 2).ToArray();

        // Two forms of one property.
        foreach (var (axisLabel, forms) in ExclusiveForms(info))
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
        if (autoPad != AutoPadNotSet && FirstGiven(args, ExplicitPaddings(info)) is { } explicitPad)
            Report(Descriptors.TwoForms, explicitPad, "AutoPad", explicitPad, "padding");

        // Strides and dilations: the axis's own form, else the form for every axis.
        int Step(string both, string? axis)
        {
            var name = axis is not null && args.IsGiven(axis) ? axis : both;
            var value = args.Int(name, 1);
            if (value <= 0) Report(Descriptors.NonPositiveStep, name, name, value);
            return value;
        }

        var stride = axes.Select(a => Step("Stride", a.Stride)).ToArray();
        var dilation = axes.Select(a => Step("Dilation", a.Dilation)).ToArray();

        // Explicit padding amounts: a side's own form, else its axis's, else the form for every axis.
        int Pad(string name, string? axis, string both)
        {
            var source = args.IsGiven(name) ? name : axis is not null && args.IsGiven(axis) ? axis : both;
            var value = args.Int(source, 0);
            if (value < 0 && args.IsGiven(source) && source == name) Report(Descriptors.NegativePadding, source, source, value);
            return value;
        }

        foreach (var name in new[] { "Padding" }.Concat(axes.Select(a => a.Padding).OfType<string>()))
            if (args.Int(name, 0) < 0) Report(Descriptors.NegativePadding, name, name, args.Int(name, 0));
        var padBegin = axes.Select(a => Pad(a.Begin, a.Padding, "Padding")).ToArray();
        var padEnd = axes.Select(a => Pad(a.End, a.Padding, "Padding")).ToArray();

        int OutPad(string? axis)
        {
            var name = axis is not null && args.IsGiven(axis) ? axis : "OutputPadding";
            var value = args.Int(name, 0);
            if (value < 0) Report(Descriptors.NegativePadding, name, name, value);
            return value;
        }

        var outPad = axes.Select(a => OutPad(a.OutputPadding)).ToArray();

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
        var activation = new Activation((ActivationKind)Enum("Activation", 2, "ConvActivation"));
        var unroll = (UnrollMode)Enum("Unroll", 2, "ConvUnroll");

        // Element type.
        var element = ElementType.Float;
        if (args.TryGet("ElementType", out var et))
        {
            var special = (et.Value as ITypeSymbol)?.SpecialType;
            if (special == SpecialType.System_Double) element = ElementType.Double;
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
        var isConv = !info.Transposed;
        if (isConv)
        {
            foreach (var name in new[] { "OutputPadding" }.Concat(axes.Select(a => a.OutputPadding).OfType<string>()))
                if (args.Int(name, 0) != 0)
                    Report(Descriptors.NotApplicable, name, name, args.Int(name, 0), attributeName, $"; output padding belongs to [{info.TransposedName}]");
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
            for (var i = 0; i < rank; i++)
                if (!ResolveAutoPad(isConv, autoPad, n[i], stride[i], dilation[i], k[i], outPad[i], axes[i].Label.Length == 0 ? "width" : axes[i].Label,
                        out padBegin[i], out padEnd[i], Report))
                    return null;
        }

        var resolved = new Axis[rank];
        for (var i = 0; i < rank; i++)
            resolved[i] = new Axis(n[i], k[i], stride[i], dilation[i], padBegin[i], padEnd[i], isConv ? 0 : outPad[i]);

        var output = new long[rank];
        if (isConv)
        {
            for (var i = 0; i < rank; i++)
                if (!Fits("padded " + axes[i].Noun.ToLowerInvariant(), resolved[i].Padded)) return null;
            for (var i = 0; i < rank; i++)
                if (!Fits("dilated kernel " + axes[i].KernelNoun.ToLowerInvariant(), resolved[i].DilatedKernel)) return null;
            for (var i = 0; i < rank; i++)
                output[i] = resolved[i].Output(transposed: false);
        }
        else
        {
            for (var i = 0; i < rank; i++)
                if (!Fits("dilated kernel " + axes[i].KernelNoun.ToLowerInvariant(), resolved[i].DilatedKernel)) return null;
            for (var i = 0; i < rank; i++)
            {
                output[i] = resolved[i].Output(transposed: true);
                if (!Fits("Output" + axes[i].Noun, output[i])) return null;
            }
        }

        if (output.Any(o => o <= 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.EmptyOutput, args.AttributeLocation, string.Join("×", output.Select(Invariant)),
                rank == 2
                    ? string.Join(", ", axes.Select((a, i) => a.Letter + "' = " + Invariant(output[i])))
                    : "output " + string.Join(", ", axes.Select((a, i) => a.Noun.ToLowerInvariant() + " " + Invariant(output[i])))));
            return null;
        }

        long Product(long first, IEnumerable<long> rest) => rest.Aggregate(first, (acc, x) => acc * x);
        long kernelProduct = Product(1, k.Select(x => (long)x));
        var weightsLength = (isConv ? d * (long)(c / groups) : c * (long)(d / groups)) * kernelProduct;
        if (!Fits("InputLength", Product(c, n.Select(x => (long)x))) || !Fits("OutputLength", Product(d, output)) || !Fits("WeightsLength", weightsLength))
            return null;

        // A 3-D layer runs one depth slice at a time on the planar kernels, whose channels are the depth taps too.
        if (rank == 3 && (isConv
                ? !Fits("c·r·h·w (the planes one output depth slice reads)", Product(c, new long[] { k[0], n[1], n[2] }))
                : !Fits("d·r·H'·W' (the planes one input depth slice writes)", Product(d, new[] { k[0], output[1], output[2] }))))
            return null;

        // Padding modes that read the input back need it to be large enough.
        if (mode is PaddingMode.Reflect or PaddingMode.Circular)
        {
            var reflect = mode == PaddingMode.Reflect;
            for (var i = 0; i < rank; i++)
            {
                foreach (var (side, amount) in new[] { (axes[i].BeginSide, padBegin[i]), (axes[i].EndSide, padEnd[i]) })
                {
                    if (reflect ? amount >= n[i] : amount > n[i])
                    {
                        Report(Descriptors.PaddingTooLargeForMode, "PaddingMode", ModeNames[(int)mode],
                            reflect ? "smaller than" : "at most", axes[i].Noun.ToLowerInvariant(), n[i], side, amount);
                        return null;
                    }
                }
            }
        }

        if (!isConv)
        {
            var ok = true;
            for (var i = 0; i < rank; i++)
                ok &= CheckOutputPadding(axes[i], outPad[i], stride[i], dilation[i]);
            if (!ok) return null;
        }

        if (weights is { } cw && cw.Count != weightsLength)
        {
            var letters = string.Join("·", axes.Select(a => a.Kernel));
            var values = string.Join("·", k);
            Report(Descriptors.WeightsLength, "Weights", cw.Count, weightsLength,
                isConv ? $"d·(c/Groups)·{letters} = {d}·{c / groups}·{values}" : $"c·(d/Groups)·{letters} = {c}·{d / groups}·{values}");
            return null;
        }

        if (weights is { } fw)
            weights = new EquatableArray<double>(fw.Select(element.Round).ToArray());

        return new Layer(kind, c, d, new EquatableArray<Axis>(resolved), groups, mode, args.Bool("Bias"), activation, args.Bool("Flip"),
            element, weights, unroll);

        bool Fits(string what, long value)
        {
            if (value <= int.MaxValue) return true;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.Overflow, args.AttributeLocation, what, value));
            return false;
        }

        bool CheckOutputPadding(AxisNames axis, int value, int stride, int dil)
        {
            var limit = Math.Max(stride, dil);
            if (value < limit) return true;
            var name = axis.OutputPadding is { } perAxis && args.IsGiven(perAxis) ? perAxis : "OutputPadding";
            var suffix = axis.OutputPadding is null ? "" : axis.Letter;
            Report(Descriptors.OutputPaddingTooLarge, name, name, value, "stride" + suffix, stride, "dilation" + suffix, dil, limit);
            return false;
        }
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

        // A forward convolution needs no padding where the formula goes negative (TensorFlow's and ONNX Runtime's rule:
        // a 1×1 stride-2 SAME layer on an even input); a transposed layer would have to crop its full output: an error.
        if (total < 0 && isConv)
            total = 0;

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
