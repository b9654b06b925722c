using System;
using System.Numerics;

namespace ConvGen.IntegrationTests.Activations;

/// <summary>
/// One 1×1 layer of ActivationLayers.cs: its activation (the fixture's name), its code strategy, element type, sample
/// length, bias (every element of it) and its Forward adapted to double arrays (any number of samples; the weight is 1).
/// </summary>
public sealed record ActivationCase(string Activation, string Strategy, bool IsDouble, int Length, double Bias, Action<double[], double[]> Forward)
{
    public override string ToString() => $"{Activation}_{Strategy}_{(IsDouble ? "D" : "F")}";

    /// <summary>A value as the layer sees it.</summary>
    public double Round(double value) => IsDouble ? value : (float)value;

    public static Action<double[], double[]> Rw<T>(SpanFn3<T> forward)
        where T : struct, IFloatingPointIeee754<T> =>
        (x, y) => Run<T>(x, y, (xs, ys) => forward(xs, [T.One], ys));

    public static Action<double[], double[]> RwB<T>(SpanFn4<T> forward)
        where T : struct, IFloatingPointIeee754<T> =>
        (x, y) => Run<T>(x, y, (xs, ys) => forward(xs, [T.One], [T.CreateTruncating(0.25)], ys));

    public static Action<double[], double[]> Cw<T>(SpanFn2<T> forward)
        where T : struct, IFloatingPointIeee754<T> =>
        (x, y) => Run<T>(x, y, (xs, ys) => forward(xs, ys));

    private static void Run<T>(double[] x, double[] y, Action<T[], T[]> call)
        where T : struct, IFloatingPointIeee754<T>
    {
        var xs = Array.ConvertAll(x, T.CreateTruncating);
        var ys = new T[y.Length];
        call(xs, ys);
        for (var i = 0; i < y.Length; i++) y[i] = double.CreateTruncating(ys[i]);
    }
}
