using System;
using System.Linq;
using System.Numerics;
using System.Reflection;

namespace ConvGen.IntegrationTests;

/// <summary>
/// Builds a <see cref="LayerCase"/> from a layer's generated members, bound by method group, so a
/// signature that departs from the SPEC fails the build. Shared by every registry.
/// </summary>
internal static class LayerFactory
{
    // Runtime weights, no bias: Forward(input, weights, output).
    internal static LayerCase Rw<T>(Type type, IRefLayer def, SpanFn3<T> forward, SpanFn3<T> transpose, SpanFn3<T> weightsGradient, SpanFn2<T> toMatrix)
        where T : struct, IFloatingPointIeee754<T> =>
        new LayerCase<T>(Checked(type, def, bias: false), def, null, (x, w, b, y) => forward(x, w, y), transpose, weightsGradient, null, toMatrix);

    // Runtime weights and bias: Forward(input, weights, bias, output).
    internal static LayerCase RwB<T>(
        Type type, IRefLayer def, SpanFn4<T> forward, SpanFn3<T> transpose, SpanFn3<T> weightsGradient, SpanFn2<T> biasGradient, SpanFn2<T> toMatrix)
        where T : struct, IFloatingPointIeee754<T> =>
        new LayerCase<T>(Checked(type, def, bias: true), def, null, forward, transpose, weightsGradient, biasGradient, toMatrix);

    // Constant weights, no bias: Forward(input, output), Transpose(output, input), ToMatrix(matrix).
    internal static LayerCase Cw<T>(Type type, IRefLayer def, double[] weights, SpanFn2<T> forward, SpanFn2<T> transpose, SpanFn1<T> toMatrix)
        where T : struct, IFloatingPointIeee754<T> =>
        new LayerCase<T>(
            Checked(type, def, bias: false), def, weights,
            (x, w, b, y) => forward(x, y), (y, w, x) => transpose(y, x), null, null, (w, m) => toMatrix(m));

    // Constant weights and bias: Forward(input, bias, output).
    internal static LayerCase CwB<T>(
        Type type, IRefLayer def, double[] weights, SpanFn3<T> forward, SpanFn2<T> transpose, SpanFn2<T> biasGradient, SpanFn1<T> toMatrix)
        where T : struct, IFloatingPointIeee754<T> =>
        new LayerCase<T>(
            Checked(type, def, bias: true), def, weights,
            (x, w, b, y) => forward(x, b, y), (y, w, x) => transpose(y, x), null, biasGradient, (w, m) => toMatrix(m));

    /// <summary>
    /// Binds a layer with runtime weights by reflection, for the fixture layers whose names come from data
    /// (the PyTorch and ONNX conformance cases): <c>Forward</c> with or without bias as <paramref name="def"/> says.
    /// </summary>
    internal static LayerCase Reflected(Type type, IRefLayer def, bool isFloat) =>
        isFloat ? Reflected<float>(type, def) : Reflected<double>(type, def);

    private static LayerCase Reflected<T>(Type type, IRefLayer def)
        where T : struct, IFloatingPointIeee754<T>
    {
        TFn Bind<TFn>(string name)
            where TFn : Delegate =>
            (TFn)Delegate.CreateDelegate(typeof(TFn), type.GetMethod(
                    name, BindingFlags.Public | BindingFlags.Static, [.. typeof(TFn).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType)])
                ?? throw new InvalidOperationException($"{type.Name} has no public static {name} of {typeof(TFn).Name}'s signature"));

        return def.Bias
            ? RwB(type, def, Bind<SpanFn4<T>>("Forward"), Bind<SpanFn3<T>>("Transpose"), Bind<SpanFn3<T>>("WeightsGradient"),
                Bind<SpanFn2<T>>("BiasGradient"), Bind<SpanFn2<T>>("ToMatrix"))
            : Rw(type, def, Bind<SpanFn3<T>>("Forward"), Bind<SpanFn3<T>>("Transpose"), Bind<SpanFn3<T>>("WeightsGradient"),
                Bind<SpanFn2<T>>("ToMatrix"));
    }

    internal static Type Checked(Type type, IRefLayer def, bool bias) =>
        def.Bias == bias ? type : throw new InvalidOperationException($"{type.Name}: the registry's Bias disagrees with its factory");
}
