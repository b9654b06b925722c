using System;
using System.Collections.Generic;
using System.Numerics;
using System.Reflection;

namespace ConvGen.IntegrationTests;

// Shapes of the generated static methods. Parameter names do not take part in a conversion, so one
// shape serves every member with the same span types.
public delegate void SpanFn1<T>(Span<T> a);

public delegate void SpanFn2<T>(ReadOnlySpan<T> a, Span<T> b);

public delegate void SpanFn3<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c);

public delegate void SpanFn4<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> d);

/// <summary>
/// One annotated layer: its hand-written geometry for the reference, its constant weights if any, and
/// its generated members adapted to double arrays (converted to and from <c>float</c> for float layers).
/// Members a layer does not have (WeightsGradient with constant Weights, BiasGradient without Bias)
/// report false from <see cref="HasWeightsGradient"/> / <see cref="HasBiasGradient"/>.
/// </summary>
public abstract class LayerCase
{
    private protected LayerCase(Type layerType, IRefLayer geometry, double[]? constantWeights)
    {
        LayerType = layerType;
        Geometry = geometry;
        ConstantWeights = constantWeights;
    }

    public string Name => LayerType.FullName!.Replace("ConvGen.IntegrationTests.", "", StringComparison.Ordinal);

    public Type LayerType { get; }

    /// <summary>The hand-written geometry the reference runs on (2-D or N-D).</summary>
    public IRefLayer Geometry { get; }

    /// <summary>The 2-D geometry, for the tests that read its fields; a 1-D or 3-D case has none.</summary>
    public LayerDef Def => Geometry as LayerDef ?? throw new InvalidOperationException($"{Name} is not a 2-D layer");

    /// <summary>The attribute's <c>Weights</c>, as written (not yet rounded to float).</summary>
    public double[]? ConstantWeights { get; }

    public abstract bool IsDouble { get; }

    public abstract bool HasWeightsGradient { get; }

    public abstract bool HasBiasGradient { get; }

    /// <summary>The constants SPEC names for the layer, read from the type (null where one is missing or not a const int).</summary>
    public IReadOnlyDictionary<string, int?> Constants()
    {
        var result = new Dictionary<string, int?>();
        foreach ((string name, _) in Geometry.Constants)
        {
            FieldInfo? field = LayerType.GetField(name, BindingFlags.Public | BindingFlags.Static);
            result[name] = field is { IsLiteral: true } && field.GetRawConstantValue() is int value ? value : null;
        }

        return result;
    }

    /// <summary>A value as the layer sees it: rounded to the nearest float for a float layer.</summary>
    public double Round(double value) => IsDouble ? value : (float)value;

    public abstract void Forward(double[] input, double[] weights, double[] bias, double[] output);

    public abstract void Transpose(double[] output, double[] weights, double[] input);

    public abstract void WeightsGradient(double[] input, double[] outputGradient, double[] weightsGradient);

    public abstract void BiasGradient(double[] outputGradient, double[] biasGradient);

    public abstract void ToMatrix(double[] weights, double[] matrix);

    /// <summary>Bytes allocated by one call of each member (after two warm-up calls), on a batch of <paramref name="batch"/>.</summary>
    public abstract IReadOnlyDictionary<string, long> MeasureAllocations(int batch);

    public override string ToString() => Name;
}

/// <summary>A <see cref="LayerCase"/> over the layer's element type <typeparamref name="T"/>.</summary>
public sealed class LayerCase<T> : LayerCase
    where T : struct, IFloatingPointIeee754<T>
{
    private readonly SpanFn4<T> _forward;            // (input, weights, bias, output)
    private readonly SpanFn3<T> _transpose;          // (output, weights, input)
    private readonly SpanFn3<T>? _weightsGradient;   // (input, outputGradient, weightsGradient)
    private readonly SpanFn2<T>? _biasGradient;      // (outputGradient, biasGradient)
    private readonly SpanFn2<T> _toMatrix;           // (weights, matrix)

    internal LayerCase(
        Type layerType, IRefLayer def, double[]? constantWeights,
        SpanFn4<T> forward, SpanFn3<T> transpose, SpanFn3<T>? weightsGradient, SpanFn2<T>? biasGradient, SpanFn2<T> toMatrix)
        : base(layerType, def, constantWeights)
    {
        _forward = forward;
        _transpose = transpose;
        _weightsGradient = weightsGradient;
        _biasGradient = biasGradient;
        _toMatrix = toMatrix;
    }

    public override bool IsDouble => typeof(T) == typeof(double);

    public override bool HasWeightsGradient => _weightsGradient is not null;

    public override bool HasBiasGradient => _biasGradient is not null;

    public override void Forward(double[] input, double[] weights, double[] bias, double[] output) =>
        Run(output, o => _forward(To(input), To(weights), To(bias), o));

    public override void Transpose(double[] output, double[] weights, double[] input) =>
        Run(input, i => _transpose(To(output), To(weights), i));

    public override void WeightsGradient(double[] input, double[] outputGradient, double[] weightsGradient) =>
        Run(weightsGradient, d => Required(_weightsGradient)(To(input), To(outputGradient), d));

    public override void BiasGradient(double[] outputGradient, double[] biasGradient) =>
        Run(biasGradient, d => Required(_biasGradient)(To(outputGradient), d));

    public override void ToMatrix(double[] weights, double[] matrix) =>
        Run(matrix, m => _toMatrix(To(weights), m));

    public override IReadOnlyDictionary<string, long> MeasureAllocations(int batch)
    {
        var x = new T[batch * Geometry.InputLength];
        var y = new T[batch * Geometry.OutputLength];
        var w = new T[Geometry.WeightsLength];
        var b = new T[Geometry.BiasLength];
        var m = new T[Geometry.OutputLength * Geometry.InputLength];
        x.AsSpan().Fill(T.One);
        y.AsSpan().Fill(T.One);
        w.AsSpan().Fill(T.One);

        var result = new Dictionary<string, long>
        {
            ["Forward"] = Measure(() => _forward(x, w, b, y)),
            ["Transpose"] = Measure(() => _transpose(y, w, x)),
            ["ToMatrix"] = Measure(() => _toMatrix(w, m)),
        };
        if (_weightsGradient is { } wg)
        {
            result["WeightsGradient"] = Measure(() => wg(x, y, w));
        }

        if (_biasGradient is { } bg)
        {
            result["BiasGradient"] = Measure(() => bg(y, b));
        }

        return result;
    }

    private static long Measure(Action call)
    {
        call();
        call();

        // A background GC that starts during the call retires this thread's allocation context and counts
        // its unused rest (up to one ~8 KB quantum) as allocated: the least of a few tries, since a real
        // per-call allocation shows in every one.
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            call();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    private static TFn Required<TFn>(TFn? fn)
        where TFn : Delegate =>
        fn ?? throw new InvalidOperationException("The layer has no such member.");

    private static T[] To(double[] values)
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateChecked(values[i]);
        }

        return result;
    }

    /// <summary>Hands the member a typed copy of the destination (garbage included) and copies the result back.</summary>
    private static void Run(double[] destination, Action<T[]> call)
    {
        T[] typed = To(destination);
        call(typed);
        for (int i = 0; i < typed.Length; i++)
        {
            destination[i] = double.CreateChecked(typed[i]);
        }
    }
}
