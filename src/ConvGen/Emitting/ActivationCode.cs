using System.Collections.Generic;
using System.Globalization;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>
/// The code of an <see cref="Activation"/>: its scalar form (straight-line, looped and scalar-fallback kernels) and its
/// vector form (the SIMD kernels' epilogue). ReLU is written inline; every other kind calls a helper of the kernels
/// class (<c>Activate</c>, <c>Activate512</c>, …), emitted once per layer by <see cref="EmitHelpers"/>. Every form keeps
/// a NaN input a NaN, and gives PyTorch's results at ±∞ (NaN for SiLU and HardSwish at −∞, as 0·∞).
/// </summary>
internal static class ActivationCode
{
    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>The activation applied to a scalar expression (the expression itself for <see cref="ActivationKind.None"/>).</summary>
    public static string Scalar(Activation activation, string expression, ElementType element) => activation.Kind switch
    {
        ActivationKind.None => expression,
        // Math.Max returns NaN when either operand is NaN.
        ActivationKind.Relu => $"global::System.Math.Max({expression}, {Literals.Zero(element)})",
        _ => $"{Names.KernelsClass}.Activate({expression})",
    };

    /// <summary>
    /// The activation applied to a vector <paramref name="value"/> of width <paramref name="bits"/>.
    /// ReLU: max(v, 0) as a select, which keeps a NaN (net8.0's Vector.Max returns the second operand for a NaN on x86).
    /// </summary>
    public static string Vector(Activation activation, int bits, ElementType element, string value)
    {
        var vector = "global::System.Runtime.Intrinsics.Vector" + bits;
        return activation.Kind switch
        {
            ActivationKind.None => value,
            ActivationKind.Relu => $"{vector}.ConditionalSelect({vector}.LessThan({value}, {vector}<{element.Keyword}>.Zero), {vector}<{element.Keyword}>.Zero, {value})",
            _ => $"Activate{bits}({value})",
        };
    }

    /// <summary>
    /// The helpers of <paramref name="scalar"/>'s scalar form and of <paramref name="vector"/>'s forms at each of
    /// <paramref name="widths"/> (with the exponential they need), inside the kernels class. Nothing for None and ReLU.
    /// </summary>
    public static void EmitHelpers(SourceWriter w, Activation scalar, Activation vector, ElementType element, IEnumerable<int> widths)
    {
        if (scalar.Kind > ActivationKind.Relu)
        {
            w.Line($"/// <summary>{scalar.Definition}, as PyTorch computes it.</summary>");
            w.Line(Inline);
            w.Line($"internal static {element.Keyword} Activate({element.Keyword} v) => {ScalarBody(scalar, element)};");
            w.Line();
        }

        if (vector.Kind <= ActivationKind.Relu) return;
        foreach (var bits in widths)
        {
            var V = "global::System.Runtime.Intrinsics.Vector" + bits;
            var T = element.Keyword;
            w.Line($"/// <summary>{vector.Definition}, lane by lane; NaN kept.</summary>");
            w.Line(Inline);
            using (w.Block($"private static {V}<{T}> Activate{bits}({V}<{T}> v)"))
                VectorBody(w, vector, element, bits);
            w.Line();
            foreach (var (name, op) in new[] { ("Max", "maximum"), ("Min", "minimum") })
            {
                w.Line($"/// <summary>The lane-wise {op}; a NaN in <paramref name=\"b\"/> is returned (the clamps put the value there).</summary>");
                w.Line(Inline);
                using (w.Block($"private static {V}<{T}> {name}{bits}({V}<{T}> a, {V}<{T}> b)"))
                {
                    // .NET 9's Max/Min are IEEE 754's (NaN-propagating, with fix-ups); MaxNative is one instruction, and
                    // x86's returns its second operand for a NaN. .NET 8's Max/Min are that instruction.
                    w.Line("#if NET9_0_OR_GREATER");
                    w.Line($"return {V}.{name}Native(a, b);");
                    w.Line("#else");
                    w.Line($"return {V}.{name}(a, b);");
                    w.Line("#endif");
                }

                w.Line();
            }

            if (vector.UsesExp)
            {
                VectorExp.Emit(w, element, bits);
                w.Line();
            }
        }
    }

    private static string ScalarBody(Activation a, ElementType element)
    {
        var math = element == ElementType.Float ? "global::System.MathF" : "global::System.Math";
        string L(double x) => Literals.Real(x, element);
        string Clamp(string v, string lo, string hi) => $"global::System.Math.Min(global::System.Math.Max({v}, {lo}), {hi})";
        return a.Kind switch
        {
            ActivationKind.Relu6 => Clamp("v", L(0), L(6)),
            ActivationKind.LeakyRelu => $"v >= {L(0)} ? v : {L(a.Alpha)} * v",
            ActivationKind.Sigmoid => $"{L(1)} / ({L(1)} + {math}.Exp(-v))",
            ActivationKind.Tanh => $"{math}.Tanh(v)",
            ActivationKind.Silu => $"v / ({L(1)} + {math}.Exp(-v))",
            ActivationKind.HardSigmoid => Clamp($"v / {L(6)} + {L(0.5)}", L(0), L(1)),
            ActivationKind.HardSwish => $"v * {Clamp($"v / {L(6)} + {L(0.5)}", L(0), L(1))}",
            _ => (a.Min, a.Max) switch
            {
                ({ } lo, { } hi) => Clamp("v", L(lo), L(hi)),
                ({ } lo, null) => $"global::System.Math.Max(v, {L(lo)})",
                (null, { } hi) => $"global::System.Math.Min(v, {L(hi)})",
                _ => "v",
            },
        };
    }

    /// <summary>The vector form: clamps as Min/Max with the value second (a NaN passes through), FMAs, no division
    /// except the sigmoid family's one.</summary>
    private static void VectorBody(SourceWriter w, Activation a, ElementType element, int bits)
    {
        var T = element.Keyword;
        var V = "global::System.Runtime.Intrinsics.Vector" + bits;
        string C(double x) => $"{V}.Create({Literals.Real(x, element)})";
        string Clamp(string v, string? lo, string? hi)
        {
            if (lo is not null) v = $"Max{bits}({lo}, {v})";
            if (hi is not null) v = $"Min{bits}({hi}, {v})";
            return v;
        }

        var zero = $"{V}<{T}>.Zero";
        switch (a.Kind)
        {
            case ActivationKind.Relu6:
                w.Line($"return {Clamp("v", zero, C(6))};");
                break;
            case ActivationKind.LeakyRelu:
                // For 0 < α ≤ 1, max(α·v, v) is v for v ≥ 0 and α·v below (and −∞ at −∞); other slopes, α = 0 included
                // (0·−∞ is NaN, as PyTorch gives), select on the sign.
                w.Line(a.Alpha is > 0 and <= 1
                    ? $"return Max{bits}(v * {C(a.Alpha)}, v);"
                    : $"return {V}.ConditionalSelect({V}.LessThan(v, {zero}), v * {C(a.Alpha)}, v);");
                break;
            case ActivationKind.Sigmoid:
                w.Line($"return {C(1)} / ({C(1)} + Exp{bits}(-v));");
                break;
            case ActivationKind.Tanh:
                w.Line("// 1 − 2/(e^(2|v|) + 1), with v's sign: exact at ±0, ±1 (not NaN) at ±∞.");
                w.Line($"var a = {V}.Abs(v);");
                w.Line($"var t = {C(1)} - {C(2)} / (Exp{bits}(a + a) + {C(1)});");
                w.Line($"return {V}.ConditionalSelect({V}.Create({Literals.Real(-0.0, element)}), v, t);");
                break;
            case ActivationKind.Silu:
                w.Line($"return v / ({C(1)} + Exp{bits}(-v));");
                break;
            case ActivationKind.HardSigmoid:
                w.Line($"return {Clamp($"Fma{bits}(v, {C(1.0 / 6)}, {C(0.5)})", zero, C(1))};");
                break;
            case ActivationKind.HardSwish:
                w.Line($"return v * {Clamp($"Fma{bits}(v, {C(1.0 / 6)}, {C(0.5)})", zero, C(1))};");
                break;
            default:
                w.Line($"return {Clamp("v", a.Min is { } lo ? C(lo) : null, a.Max is { } hi ? C(hi) : null)};");
                break;
        }
    }
}
