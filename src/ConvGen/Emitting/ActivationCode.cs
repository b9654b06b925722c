using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// The code of an <see cref="Activation"/>: its scalar form (straight-line, looped and scalar-fallback kernels) and its
/// vector form (the SIMD kernels' epilogue). Both keep a NaN input a NaN.
/// </summary>
internal static class ActivationCode
{
    /// <summary>The activation applied to a scalar expression (the expression itself for <see cref="ActivationKind.None"/>).</summary>
    public static string Scalar(Activation activation, string expression, ElementType element) => activation.Kind switch
    {
        // Math.Max returns NaN when either operand is NaN.
        ActivationKind.Relu => $"global::System.Math.Max({expression}, {Literals.Zero(element)})",
        _ => expression,
    };

    /// <summary>
    /// The activation applied to a vector <paramref name="value"/> of type <paramref name="vector"/>&lt;T&gt;.
    /// ReLU: max(v, 0) as a select, which keeps a NaN (net8.0's Vector.Max returns the second operand for a NaN on x86).
    /// </summary>
    public static string Vector(Activation activation, string vector, ElementType element, string value) => activation.Kind switch
    {
        ActivationKind.Relu => $"{vector}.ConditionalSelect({vector}.LessThan({value}, {vector}<{element.Keyword}>.Zero), {vector}<{element.Keyword}>.Zero, {value})",
        _ => value,
    };
}
