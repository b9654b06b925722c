using System.Globalization;

namespace ConvGen.Model;

/// <summary>Mirrors the public ConvActivation enum (SPEC's numbering).</summary>
internal enum ActivationKind { None = 0, Relu = 1, Relu6 = 2, LeakyRelu = 3, Sigmoid = 4, Tanh = 5, Silu = 6, HardSigmoid = 7, HardSwish = 8, Clip = 9 }

/// <summary>
/// The activation applied to Forward's output after the bias (and the residual): a kind and, for the kinds that take
/// them, its parameters, already rounded to the layer's element type. One descriptor read by the emitters (scalar and
/// vector forms in <c>Emitting/ActivationCode</c>) and the docs.
/// </summary>
/// <param name="Alpha">LeakyRelu's negative slope.</param>
/// <param name="Min">Clip's lower bound, or null where none is given (no clamp below).</param>
/// <param name="Max">Clip's upper bound, or null where none is given.</param>
internal readonly record struct Activation(ActivationKind Kind, double Alpha = 0, double? Min = null, double? Max = null)
{
    /// <summary>PyTorch's default negative slope of <c>leaky_relu</c>.</summary>
    public const double DefaultAlpha = 0.01;

    /// <summary>The number of ConvActivation values (the parser's range check).</summary>
    public const int KindCount = 10;

    public static Activation None => new(ActivationKind.None);

    public bool IsNone => Kind == ActivationKind.None;

    /// <summary>Sigmoid, Tanh and Silu: the kinds whose vector form evaluates an exponential.</summary>
    public bool UsesExp => Kind is ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Silu;

    /// <summary>The formula applied to <paramref name="inner"/>, as the docs write it: <c>ReLU(M·x + bias)</c>.</summary>
    public string Formula(string inner) => Kind switch
    {
        ActivationKind.None => inner,
        ActivationKind.Relu => $"ReLU({inner})",
        ActivationKind.Relu6 => $"ReLU6({inner})",
        ActivationKind.LeakyRelu => $"LeakyReLU({inner}; α = {Number(Alpha)})",
        ActivationKind.Sigmoid => $"σ({inner})",
        ActivationKind.Tanh => $"tanh({inner})",
        ActivationKind.Silu => $"SiLU({inner})",
        ActivationKind.HardSigmoid => $"HardSigmoid({inner})",
        ActivationKind.HardSwish => $"HardSwish({inner})",
        _ => $"clip({inner}, {(Min is { } lo ? Number(lo) : "−∞")}, {(Max is { } hi ? Number(hi) : "+∞")})",
    };

    /// <summary>The definition of the activation, for the docs (null for None).</summary>
    public string? Definition => Kind switch
    {
        ActivationKind.Relu => "ReLU(v) = max(v, 0)",
        ActivationKind.Relu6 => "ReLU6(v) = min(max(v, 0), 6)",
        ActivationKind.LeakyRelu => "LeakyReLU(v) = v ≥ 0 ? v : α·v",
        ActivationKind.Sigmoid => "σ(v) = 1 / (1 + e^(−v))",
        ActivationKind.Tanh => "tanh(v) = (e^v − e^(−v)) / (e^v + e^(−v))",
        ActivationKind.Silu => "SiLU(v) = v·σ(v) = v / (1 + e^(−v))",
        ActivationKind.HardSigmoid => "HardSigmoid(v) = min(max(v/6 + 1/2, 0), 1)",
        ActivationKind.HardSwish => "HardSwish(v) = v·min(max(v/6 + 1/2, 0), 1)",
        ActivationKind.Clip => "clip(v, min, max) = min(max(v, min), max)",
        _ => null,
    };

    /// <summary>A parameter as the docs print it: a float-rounded value in its shortest float form (0.01, not 0.009999999776482582).</summary>
    private static string Number(double value) => (double)(float)value == value
        ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}
