using System.Globalization;
using ConvGen.Diagnostics;
using ConvGen.Model;

namespace ConvGen.Parsing;

/// <summary>The activation and its parameters (SPEC "Activations and the fused epilogue").</summary>
internal static partial class SpecParser
{
    private sealed partial class Reader
    {
        /// <summary>The activation with its parameters rounded to the element type: a parameter its kind does not take
        /// (CONV040), a non-finite one (CONV043), Clip's bounds reversed (CONV041) or both missing (CONV042) report.</summary>
        private Activation ActivationArguments(ActivationKind kind, ElementType element)
        {
            double? Parameter(string name, ActivationKind owner, string ownerText)
            {
                if (!_args.TryGetValue(name, out var given) || given is not double raw) return null;
                if (kind != owner)
                {
                    Report(Descriptors.ActivationParameterUnused, name, name, Text(raw), kind.ToString(), ownerText);
                    return null;
                }

                var value = element.Round(raw);
                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    Report(Descriptors.NonFiniteParameter, name, name, Text(raw), element.Keyword);
                    return null;
                }

                return value;
            }

            var alpha = Parameter("ActivationAlpha", ActivationKind.LeakyRelu, "ConvActivation.LeakyRelu");
            var min = Parameter("ClipMin", ActivationKind.Clip, "ConvActivation.Clip");
            var max = Parameter("ClipMax", ActivationKind.Clip, "ConvActivation.Clip");
            if (kind == ActivationKind.Clip)
            {
                if (min is { } lo && max is { } hi && lo > hi)
                    Report(Descriptors.ClipBoundsReversed, "ClipMin", Text(lo), Text(hi));
                else if (!_args.IsGiven("ClipMin") && !_args.IsGiven("ClipMax"))
                    Report(Descriptors.ClipWithoutBounds, "Activation");
            }

            return kind switch
            {
                ActivationKind.LeakyRelu => new Activation(kind, Alpha: alpha ?? element.Round(Activation.DefaultAlpha)),
                ActivationKind.Clip => new Activation(kind, Min: min, Max: max),
                _ => new Activation(kind),
            };
        }

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
