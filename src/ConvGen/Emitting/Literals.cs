using System.Globalization;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>Culture-invariant, round-tripping C# literals.</summary>
internal static class Literals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string TypeName(ElementType e) => e.Keyword;

    public static string Zero(ElementType e) => e.Storage == ElementKind.Float ? "0f" : "0d";

    public static string Real(double value, ElementType e)
    {
        var t = TypeName(e);
        if (double.IsNaN(value)) return t + ".NaN";
        if (double.IsPositiveInfinity(value)) return t + ".PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return t + ".NegativeInfinity";
        return e.Storage == ElementKind.Float
            ? ((float)value).ToString("G9", CultureInfo.InvariantCulture) + "f"
            : value.ToString("G17", CultureInfo.InvariantCulture) + "d";
    }
}
