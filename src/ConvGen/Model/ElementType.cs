namespace ConvGen.Model;

/// <summary>A floating-point element kind.</summary>
internal enum ElementKind { Float, Double }

/// <summary>
/// The element type of a layer: what its spans hold (<see cref="Storage"/>) and what its sums are computed in
/// (<see cref="Accumulator"/>). They are kept apart so that a narrower storage (Half, int8 with an int32 accumulator) is a new
/// descriptor, not a rewrite; today's two are float/float and double/double.
/// </summary>
internal sealed record ElementType(ElementKind Storage, ElementKind Accumulator)
{
    public static readonly ElementType Float = new(ElementKind.Float, ElementKind.Float);
    public static readonly ElementType Double = new(ElementKind.Double, ElementKind.Double);

    /// <summary>The storage type's C# keyword: the T of every span.</summary>
    public string Keyword => KeywordOf(Storage);

    /// <summary>The accumulator's C# keyword.</summary>
    public string AccumulatorKeyword => KeywordOf(Accumulator);

    /// <summary>Bytes per stored element.</summary>
    public int Size => Storage == ElementKind.Float ? 4 : 8;

    /// <summary>The signed integer of the storage's size (vector shuffle indices).</summary>
    public string SameSizeInteger => Size == 4 ? "int" : "long";

    /// <summary>A value rounded to the storage type, as a double (constant weights are folded in it).</summary>
    public double Round(double value) => Storage == ElementKind.Float ? (float)value : value;

    private static string KeywordOf(ElementKind kind) => kind == ElementKind.Float ? "float" : "double";
}
