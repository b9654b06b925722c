using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Parsing;

/// <summary>The geometry checks: output sizes, lengths, padding modes and output padding, in checked 64-bit arithmetic.</summary>
internal static partial class SpecParser
{
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

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long Product(long first, IEnumerable<long> rest) => rest.Aggregate(first, (acc, x) => acc * x);

    private sealed partial class Reader
    {
        /// <summary>The output size of each axis, or null (reported) where a size overflows or an output is empty.</summary>
        private long[]? Outputs(Axis[] axes)
        {
            var output = new long[Rank];
            if (_isConv)
            {
                for (var i = 0; i < Rank; i++)
                    if (!Fits("padded " + _axes[i].Noun.ToLowerInvariant(), axes[i].Padded)) return null;
            }

            for (var i = 0; i < Rank; i++)
                if (!Fits("dilated kernel " + _axes[i].KernelNoun.ToLowerInvariant(), axes[i].DilatedKernel)) return null;
            for (var i = 0; i < Rank; i++)
            {
                output[i] = axes[i].Output(transposed: !_isConv);
                if (!_isConv && !Fits("Output" + _axes[i].Noun, output[i])) return null;
            }

            if (output.All(o => o > 0)) return output;
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.EmptyOutput, _args.AttributeLocation, string.Join("×", output.Select(Invariant)),
                Rank == 2
                    ? string.Join(", ", _axes.Select((a, i) => a.Letter + "' = " + Invariant(output[i])))
                    : "output " + string.Join(", ", _axes.Select((a, i) => a.Noun.ToLowerInvariant() + " " + Invariant(output[i])))));
            return null;
        }

        /// <summary>The weights' length, or null (reported) where a length does not fit an <c>int</c>.</summary>
        private long? Lengths(int c, int d, int groups, int[] n, int[] k, long[] output)
        {
            var weightsLength = (_isConv ? d * (long)(c / groups) : c * (long)(d / groups)) * Product(1, k.Select(x => (long)x));
            if (!Fits("InputLength", Product(c, n.Select(x => (long)x))) || !Fits("OutputLength", Product(d, output)) || !Fits("WeightsLength", weightsLength))
                return null;

            // A 3-D layer runs one depth slice at a time on the planar kernels, whose channels are the depth taps too.
            if (Rank == 3 && (_isConv
                    ? !Fits("c·r·h·w (the planes one output depth slice reads)", Product(c, new long[] { k[0], n[1], n[2] }))
                    : !Fits("d·r·H'·W' (the planes one input depth slice writes)", Product(d, new[] { k[0], output[1], output[2] }))))
                return null;
            return weightsLength;
        }

        /// <summary>Padding modes that read the input back need it to be large enough.</summary>
        private bool PaddingFitsMode(PaddingMode mode, int[] n, int[] padBegin, int[] padEnd)
        {
            if (mode is not (PaddingMode.Reflect or PaddingMode.Circular)) return true;
            var reflect = mode == PaddingMode.Reflect;
            for (var i = 0; i < Rank; i++)
            {
                foreach (var (side, amount) in new[] { (_axes[i].BeginSide, padBegin[i]), (_axes[i].EndSide, padEnd[i]) })
                {
                    if (reflect ? amount >= n[i] : amount > n[i])
                    {
                        Report(Descriptors.PaddingTooLargeForMode, "PaddingMode", ModeNames[(int)mode],
                            reflect ? "smaller than" : "at most", _axes[i].Noun.ToLowerInvariant(), n[i], side, amount);
                        return false;
                    }
                }
            }

            return true;
        }

        private bool OutputPaddingsFit(int[] outPad, int[] stride, int[] dilation)
        {
            var ok = true;
            for (var i = 0; i < Rank; i++)
            {
                var axis = _axes[i];
                var limit = Math.Max(stride[i], dilation[i]);
                if (outPad[i] < limit) continue;
                var name = axis.OutputPadding is { } perAxis && _args.IsGiven(perAxis) ? perAxis : "OutputPadding";
                var suffix = axis.OutputPadding is null ? "" : axis.Letter;
                Report(Descriptors.OutputPaddingTooLarge, name, name, outPad[i], "stride" + suffix, stride[i], "dilation" + suffix, dilation[i], limit);
                ok = false;
            }

            return ok;
        }

        private bool WeightsFit(EquatableArray<double>? weights, long weightsLength, int c, int d, int groups, int[] k)
        {
            if (weights is not { } cw || cw.Count == weightsLength) return true;
            var letters = string.Join("·", _axes.Select(a => a.Kernel));
            var values = string.Join("·", k);
            Report(Descriptors.WeightsLength, "Weights", cw.Count, weightsLength,
                Rank == 0 ? $"outputs·inputs = {d}·{c}" : _isConv ? $"d·(c/Groups)·{letters} = {d}·{c / groups}·{values}" : $"c·(d/Groups)·{letters} = {c}·{d / groups}·{values}");
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
        var total = isConv
            ? (((long)n + stride - 1) / stride - 1) * stride + extent - n   // (ceil(n/s) − 1)·s + extent − n
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
