using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Parsing;

/// <summary>Attribute arguments → a resolved <see cref="Layer"/> on the attribute's own axes, or diagnostics that say why not.</summary>
internal static partial class SpecParser
{
    private const int AutoPadNotSet = 0, AutoPadValid = 1, AutoPadSameUpper = 2, AutoPadSameLower = 3;
    private static readonly string[] AutoPadNames = { "NotSet", "Valid", "SameUpper", "SameLower" };
    private static readonly string[] ModeNames = { "Zeros", "Reflect", "Replicate", "Circular" };

    public static Layer? Parse(AttributeArguments args, LayerKind kind, List<DiagnosticInfo> diagnostics) =>
        new Reader(args, LayerKindInfo.Of(kind), diagnostics).Read();

    /// <summary>One attribute being read: the checks in the order they report, each phase a method. The argument
    /// checks all report (one diagnostic per mistake); the geometry checks that follow stop at the first error.</summary>
    private sealed partial class Reader
    {
        private readonly AttributeArguments _args;
        private readonly LayerKindInfo _info;
        private readonly AxisNames[] _axes;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly bool _isConv;
        private HashSet<(string, string)>? _reported;

        public Reader(AttributeArguments args, LayerKindInfo info, List<DiagnosticInfo> diagnostics)
        {
            _args = args;
            _info = info;
            _axes = info.Axes;
            _diagnostics = diagnostics;
            _isConv = !info.Transposed;
        }

        private int Rank => _axes.Length;

        public Layer? Read()
        {
            if (_args.ResolutionError is { } unresolved)
            {
                _diagnostics.Add(unresolved);
                return null;
            }

            if (_args.HasErrors(out var reason))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.Unreadable, _args.AttributeLocation, _info.Name, reason));
                return null;
            }

            if (_info.IsPool)
                return ReadPool();

            var errorsBefore = _diagnostics.Count;
            var size = Sizes();
            int c = size[0], d = size[Rank + 1];
            int[] n = size.Skip(1).Take(Rank).ToArray(), k = size.Skip(Rank + 2).ToArray();
            CheckExclusiveForms();
            var stride = _axes.Select(a => Step("Stride", a.Stride)).ToArray();
            var dilation = _axes.Select(a => Step("Dilation", a.Dilation)).ToArray();
            foreach (var name in new[] { "Padding" }.Concat(_axes.Select(a => a.Padding).OfType<string>()))
                if (_args.Int(name, 0) < 0) Report(Descriptors.NegativePadding, name, name, _args.Int(name, 0));
            var padBegin = _axes.Select(a => Pad(a.Begin, a.Padding)).ToArray();
            var padEnd = _axes.Select(a => Pad(a.End, a.Padding)).ToArray();
            var outPad = _axes.Select(a => OutPad(a.OutputPadding)).ToArray();
            var groups = _args.Int("Groups", 1);
            if (groups <= 0 || (c > 0 && c % groups != 0) || (d > 0 && d % groups != 0))
                Report(Descriptors.BadGroups, "Groups", groups, c, d);
            var autoPad = Enum("AutoPad", 4, "ConvAutoPad");
            var mode = (PaddingMode)Enum("PaddingMode", 4, "ConvPaddingMode");
            var activationKind = (ActivationKind)Enum("Activation", Activation.KindCount, "ConvActivation");
            var unroll = (UnrollMode)Enum("Unroll", 2, "ConvUnroll");
            var element = ElementTypeArgument();
            var activation = ActivationArguments(activationKind, element);
            var weights = WeightsArgument();
            CheckApplicable(mode);
            if (_diagnostics.Count > errorsBefore)
                return null;

            // Resolve AutoPad, then check what the geometry computes, in long arithmetic.
            if (autoPad != AutoPadNotSet)
            {
                for (var i = 0; i < Rank; i++)
                    if (!ResolveAutoPad(_isConv, autoPad, n[i], stride[i], dilation[i], k[i], outPad[i], _axes[i].Label.Length == 0 ? "width" : _axes[i].Label,
                            out padBegin[i], out padEnd[i], Report))
                        return null;
            }

            var axes = new Axis[Rank];
            for (var i = 0; i < Rank; i++)
                axes[i] = new Axis(n[i], k[i], stride[i], dilation[i], padBegin[i], padEnd[i], _isConv ? 0 : outPad[i]);
            if (Outputs(axes) is not { } output
                || Lengths(c, d, groups, n, k, output) is not { } weightsLength
                || !PaddingFitsMode(mode, n, padBegin, padEnd)
                || (!_isConv && !OutputPaddingsFit(outPad, stride, dilation))
                || !WeightsFit(weights, weightsLength, c, d, groups, k))
                return null;

            if (weights is { } fw)
                weights = new EquatableArray<double>(fw.Select(element.Round).ToArray());
            return new Layer(_info.Kind, c, d, new EquatableArray<Axis>(axes), groups, mode, _args.Bool("Bias"), activation, _args.Bool("Flip"),
                element, weights, unroll, _args.Bool("Residual"));
        }

        /// <summary>One report per descriptor and argument: <c>Stride = 0</c> is one mistake, not one per axis.</summary>
        private void Report(DiagnosticDescriptor d, string at, params object[] values)
        {
            if ((_reported ??= new HashSet<(string, string)>()).Add((d.Id, at)))
                _diagnostics.Add(DiagnosticInfo.Create(d, _args.LocationOf(at), values));
        }

        private bool Fits(string what, long value)
        {
            if (value <= int.MaxValue) return true;
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.Overflow, _args.AttributeLocation, what, value));
            return false;
        }

        /// <summary>The positional sizes (c, the input sizes, d, the kernel sizes); a non-positive one reports.</summary>
        private int[] Sizes()
        {
            var size = new int[_args.PositionalNames.Length];
            for (var i = 0; i < size.Length; i++)
            {
                size[i] = _args.PositionalInt(i) ?? 0;
                if (size[i] <= 0)
                    Report(Descriptors.NonPositiveSize, _args.PositionalNames[i], _args.PositionalNames[i], size[i]);
            }

            return size;
        }

        /// <summary>Two forms of one property (<c>Stride</c> and <c>StrideH</c>), and <c>AutoPad</c> with an explicit padding.</summary>
        private void CheckExclusiveForms()
        {
            foreach (var (axisLabel, forms) in ExclusiveForms(_info))
            {
                string? first = null;
                foreach (var form in forms)
                {
                    var given = FirstGiven(form);
                    if (given is null) continue;
                    if (first is null) first = given;
                    else
                    {
                        Report(Descriptors.TwoForms, given, first, given, axisLabel);
                        break;
                    }
                }
            }

            if (_args.Int("AutoPad", AutoPadNotSet) != AutoPadNotSet && FirstGiven(ExplicitPaddings(_info)) is { } explicitPad)
                Report(Descriptors.TwoForms, explicitPad, "AutoPad", explicitPad, "padding");
        }

        private string? FirstGiven(IEnumerable<string?> names)
        {
            foreach (var name in names)
                if (name is not null && _args.IsGiven(name)) return name;
            return null;
        }

        /// <summary>A stride or dilation: the axis's own form, else the form for every axis.</summary>
        private int Step(string both, string? axis)
        {
            var name = axis is not null && _args.IsGiven(axis) ? axis : both;
            var value = _args.Int(name, 1);
            if (value <= 0) Report(Descriptors.NonPositiveStep, name, name, value);
            return value;
        }

        /// <summary>An explicit padding amount: a side's own form, else its axis's, else the form for every axis.</summary>
        private int Pad(string name, string? axis)
        {
            var source = _args.IsGiven(name) ? name : axis is not null && _args.IsGiven(axis) ? axis : "Padding";
            var value = _args.Int(source, 0);
            if (value < 0 && _args.IsGiven(source) && source == name) Report(Descriptors.NegativePadding, source, source, value);
            return value;
        }

        private int OutPad(string? axis)
        {
            var name = axis is not null && _args.IsGiven(axis) ? axis : "OutputPadding";
            var value = _args.Int(name, 0);
            if (value < 0) Report(Descriptors.NegativePadding, name, name, value);
            return value;
        }

        private int Enum(string name, int count, string typeName)
        {
            var value = _args.Int(name, 0);
            if (value >= 0 && value < count) return value;
            Report(Descriptors.UndefinedEnum, name, name, value, typeName);
            return 0;
        }

        private ElementType ElementTypeArgument()
        {
            if (!_args.TryGetValue("ElementType", out var et)) return ElementType.Float;
            var special = (et as ITypeSymbol)?.SpecialType;
            if (special == SpecialType.System_Double) return ElementType.Double;
            if (special != SpecialType.System_Single)
                Report(Descriptors.BadElementType, "ElementType", et is ITypeSymbol t ? "typeof(" + t.ToDisplayString() + ")" : "null");
            return ElementType.Float;
        }

        private EquatableArray<double>? WeightsArgument()
        {
            if (!_args.TryGetValue("Weights", out var wc)) return null;
            if (wc is double[] values) return new EquatableArray<double>(values);
            Report(Descriptors.WeightsNull, "Weights");
            return null;
        }

        /// <summary>Options that do not apply to this attribute (given with a non-default value).</summary>
        private void CheckApplicable(PaddingMode mode)
        {
            if (_isConv)
            {
                foreach (var name in new[] { "OutputPadding" }.Concat(_axes.Select(a => a.OutputPadding).OfType<string>()))
                    if (_args.Int(name, 0) != 0)
                        Report(Descriptors.NotApplicable, name, name, _args.Int(name, 0), _info.Name, $"; output padding belongs to [{_info.TransposedName}]");
            }
            else if (mode != PaddingMode.Zeros)
            {
                Report(Descriptors.NotApplicable, "PaddingMode", "PaddingMode", "ConvPaddingMode." + ModeNames[(int)mode], _info.Name,
                    "; a transposed convolution pads with zeros only");
            }
        }
    }
}
