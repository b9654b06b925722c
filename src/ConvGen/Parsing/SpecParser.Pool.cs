using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;

namespace ConvGen.Parsing;

/// <summary>The pooling attributes: the convolution's axis forms (stride defaulting to the kernel), PyTorch's padding
/// check, CeilMode and CountIncludePad.</summary>
internal static partial class SpecParser
{
    private sealed partial class Reader
    {
        private Layer? ReadPool()
        {
            var errorsBefore = _diagnostics.Count;
            var size = Sizes();
            var c = size[0];
            int[] n = size.Skip(1).Take(Rank).ToArray(), k = size.Skip(Rank + 1).ToArray();
            CheckExclusiveForms();
            // An axis whose stride is not given strides by its kernel (PyTorch's default).
            var stride = _axes.Select((a, i) => _args.IsGiven(a.Stride ?? "") || _args.IsGiven("Stride") ? Step("Stride", a.Stride) : k[i]).ToArray();
            var dilation = _axes.Select(a => Step("Dilation", a.Dilation)).ToArray();
            foreach (var name in new[] { "Padding" }.Concat(_axes.Select(a => a.Padding).OfType<string>()))
                if (_args.Int(name, 0) < 0) Report(Descriptors.NegativePadding, name, name, _args.Int(name, 0));
            var padBegin = _axes.Select(a => Pad(a.Begin, a.Padding)).ToArray();
            var padEnd = _axes.Select(a => Pad(a.End, a.Padding)).ToArray();
            var autoPad = Enum("AutoPad", 4, "ConvAutoPad");
            var element = ElementTypeArgument();
            var ceil = _args.Bool("CeilMode");
            var countIncludePad = !_args.TryGetValue("CountIncludePad", out var include) || include is not false;
            if (ceil && autoPad != AutoPadNotSet)
                Report(Descriptors.CeilModeWithAutoPad, "CeilMode", AutoPadNames[autoPad]);
            if (_diagnostics.Count > errorsBefore)
                return null;

            for (var i = 0; i < Rank; i++)
            {
                if (autoPad != AutoPadNotSet)
                {
                    if (!ResolveAutoPad(true, autoPad, n[i], stride[i], dilation[i], k[i], 0, _axes[i].Label.Length == 0 ? "width" : _axes[i].Label,
                            out padBegin[i], out padEnd[i], Report))
                        return null;
                    continue;
                }

                foreach (var (side, sideName, amount) in new[] { (_axes[i].BeginSide, _axes[i].Begin, padBegin[i]), (_axes[i].EndSide, _axes[i].End, padEnd[i]) })
                {
                    if (amount <= k[i] / 2) continue;
                    var name = FirstGiven(new[] { sideName, _axes[i].Padding, "Padding" }) ?? "Padding";
                    Report(Descriptors.PoolPaddingTooLarge, name, name, amount, side, _axes[i].Kernel, k[i], k[i] / 2);
                    return null;
                }
            }

            var axes = new Axis[Rank];
            for (var i = 0; i < Rank; i++)
                axes[i] = new Axis(n[i], k[i], stride[i], dilation[i], padBegin[i], padEnd[i], 0);
            var output = new long[Rank];
            for (var i = 0; i < Rank; i++)
            {
                if (!Fits("dilated kernel " + _axes[i].KernelNoun.ToLowerInvariant(), axes[i].DilatedKernel)) return null;
                output[i] = axes[i].PoolOutput(ceil);
            }

            if (output.Any(o => o <= 0))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.EmptyOutput, _args.AttributeLocation, string.Join("×", output.Select(Invariant)),
                    Rank == 2
                        ? string.Join(", ", _axes.Select((a, i) => a.Letter + "' = " + Invariant(output[i])))
                        : "output " + string.Join(", ", _axes.Select((a, i) => a.Noun.ToLowerInvariant() + " " + Invariant(output[i])))));
                return null;
            }

            if (!Fits("InputLength", Product(c, n.Select(x => (long)x))) || !Fits("OutputLength", Product(c, output)))
                return null;

            var pooling = new Pooling(_info.Pool, ceil, _info.Pool == PoolOp.Average && countIncludePad);
            return new Layer(_info.Kind, c, c, new EquatableArray<Axis>(axes), c, PaddingMode.Zeros, false, Activation.None, false,
                element, null, UnrollMode.Auto, false, pooling);
        }
    }
}
