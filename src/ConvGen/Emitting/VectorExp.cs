using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// e^x lane by lane for the sigmoid family, in code that compiles for net8.0 (<c>Vector128/256/512.Exp</c> exist only
/// from .NET 9). Cody–Waite reduction: n = ⌊x·log₂e + ½⌋, r = x − n·ln2 (ln2 in two parts, so n·ln2_hi is exact),
/// |r| ≤ ln2/2; e^r by a polynomial in FMAs; 2ⁿ built in the exponent bits. x is first clamped to [lo, hi] (a NaN
/// passes through and stays NaN): below lo the result is e^lo, the smallest normal number (float 1.2e−38, double
/// 2.2e−308); above ln(MaxValue)·(1 − 4e−3) n reaches the exponent's top and the result is +∞ (e^x is within 0.4% of
/// overflowing there). Measured through σ and SiLU by the integration tests' ActivationTests (2²⁰ inputs over the finite
/// range): 2.1e−7 relative for float, 4.7e−16 for double.
/// </summary>
internal static class VectorExp
{
    public static void Emit(SourceWriter w, ElementType element, int bits)
    {
        var V = "global::System.Runtime.Intrinsics.Vector" + bits;
        var isFloat = element == ElementType.Float;
        var T = element.Keyword;
        string C(string literal) => $"{V}.Create({literal})";
        w.Line("/// <summary>e^x (Cody–Waite reduction and a polynomial; +∞ above the overflow threshold, NaN kept).</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static {V}<{T}> Exp{bits}({V}<{T}> x)"))
        {
            var fma = $"Fma{bits}";
            // Clamped with the activation's Min/Max helpers, x second: a NaN x comes back NaN.
            if (isFloat)
            {
                // Cephes expf: C1 + C2 = ln 2 (C1 = 355/512, so n·C1 is exact); its minimax polynomial on [−ln2/2, ln2/2].
                // n = round(x·log2 e) by the shifter 1.5·2²³ + 127: t's low bits are n + 127, shifted into the exponent.
                w.Line($"x = Max{bits}({C("-87.33654f")}, Min{bits}({C("88.8f")}, x));");
                w.Line($"var t = {fma}(x, {C("1.44269504f")}, {C("12583039f")});");
                w.Line($"var n = t - {C("12583039f")};");
                w.Line($"var r = {fma}(n, {C("-0.693359375f")}, x);");
                w.Line($"r = {fma}(n, {C("2.12194440e-4f")}, r);");
                w.Line($"var p = {C("1.9875691500e-4f")};");
                foreach (var c in new[] { "1.3981999507e-3f", "8.3334519073e-3f", "4.1665795894e-2f", "1.6666665459e-1f", "5.0000001201e-1f" })
                    w.Line($"p = {fma}(p, r, {C(c)});");
                w.Line($"p = {fma}(p, r * r, r + {C("1f")});");
                w.Line($"var scale = {V}.AsSingle({V}.ShiftLeft({V}.AsInt32(t), 23));");
            }
            else
            {
                // fdlibm's ln2 split (n·ln2_hi exact for |n| < 2048); Taylor to degree 12 (|r|^13/13! < 2e-16 at ln2/2).
                // The shifter 1.5·2⁵² + 1023 leaves n + 1023 in t's low bits.
                w.Line($"x = Max{bits}({C("-708.3964185322641d")}, Min{bits}({C("710d")}, x));");
                w.Line($"var t = {fma}(x, {C("1.4426950408889634d")}, {C("6755399441056767d")});");
                w.Line($"var n = t - {C("6755399441056767d")};");
                w.Line($"var r = {fma}(n, {C("-0.69314718036912382d")}, x);");
                w.Line($"r = {fma}(n, {C("-1.9082149292705877e-10d")}, r);");
                w.Line($"var p = {C("2.08767569878680989792e-9d")};"); // 1/12!
                foreach (var k in new[] { 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 })
                    w.Line($"p = {fma}(p, r, {C(Inverse(k))});");
                w.Line($"var scale = {V}.AsDouble({V}.ShiftLeft({V}.AsInt64(t), 52));");
            }

            w.Line("return p * scale;");
        }
    }

    /// <summary>1/k! as a double literal.</summary>
    private static string Inverse(int k)
    {
        var f = 1.0;
        for (var i = 2; i <= k; i++) f *= i;
        return (1.0 / f).ToString("G17", System.Globalization.CultureInfo.InvariantCulture) + "d";
    }
}
