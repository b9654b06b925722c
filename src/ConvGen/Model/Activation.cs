namespace ConvGen.Model;

/// <summary>Mirrors the public ConvActivation enum (SPEC's numbering).</summary>
internal enum ActivationKind { None = 0, Relu = 1 }

/// <summary>
/// The activation applied to Forward's output after the bias: a kind and, for the kinds that take them, its parameters.
/// One descriptor read by the emitters (scalar and vector forms in <c>Emitting/ActivationCode</c>) and the docs.
/// </summary>
internal readonly record struct Activation(ActivationKind Kind)
{
    public static Activation None => new(ActivationKind.None);

    public bool IsNone => Kind == ActivationKind.None;

    /// <summary>The formula applied to <paramref name="inner"/>, as the docs write it: <c>ReLU(M·x + bias)</c>.</summary>
    public string Formula(string inner) => Kind switch
    {
        ActivationKind.Relu => $"ReLU({inner})",
        _ => inner,
    };
}
