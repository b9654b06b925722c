namespace ConvGen.Model;

/// <summary>Integer division rounded toward −∞ and +∞ (C#'s <c>/</c> rounds toward zero), for a positive divisor.</summary>
internal static class IntMath
{
    public static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    public static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
