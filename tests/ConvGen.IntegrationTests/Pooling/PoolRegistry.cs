using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace ConvGen.IntegrationTests.Pooling;

public delegate void PoolForward<T>(ReadOnlySpan<T> input, Span<T> output);

public delegate void PoolBackward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient);

/// <summary>One generated pooling layer with its hand-written <see cref="PoolDef"/>, its members bound in double.</summary>
public sealed class PoolCase
{
    private PoolCase(Type type, PoolDef def, bool isDouble, Action<double[], double[]> forward, Action<double[], double[], double[]> backward)
    {
        Type = type;
        Def = def;
        IsDouble = isDouble;
        Forward = forward;
        Backward = backward;
    }

    public Type Type { get; }

    public string Name => Type.Name;

    public PoolDef Def { get; }

    public bool IsDouble { get; }

    /// <summary>Forward on double arrays (a float layer's values are rounded to float on the way in).</summary>
    public Action<double[], double[]> Forward { get; }

    public Action<double[], double[], double[]> Backward { get; }

    public double Round(double value) => IsDouble ? value : (float)value;

    /// <summary>A generated constant of the layer's type.</summary>
    public int Constant(string name) =>
        (int)(Type.GetField(name, BindingFlags.Public | BindingFlags.Static) ?? throw new InvalidOperationException(Name + " has no " + name)).GetValue(null)!;

    public override string ToString() => Name;

    public static PoolCase Of<T>(Type type, PoolDef def, PoolForward<T> forward, PoolBackward<T> backward)
    {
        if (typeof(T) == typeof(double))
        {
            var f = (PoolForward<double>)(object)forward;
            var b = (PoolBackward<double>)(object)backward;
            return new PoolCase(type, def, true, (x, y) => f(x, y), (x, gy, gx) => b(x, gy, gx));
        }

        var ff = (PoolForward<float>)(object)forward;
        var bf = (PoolBackward<float>)(object)backward;
        return new PoolCase(type, def, false,
            (x, y) =>
            {
                var yf = new float[y.Length];
                ff(ToFloat(x), yf);
                for (int i = 0; i < y.Length; i++) y[i] = yf[i];
            },
            (x, gy, gx) =>
            {
                var gxf = gx.Select(v => (float)v).ToArray();
                bf(ToFloat(x), ToFloat(gy), gxf);
                for (int i = 0; i < gx.Length; i++) gx[i] = gxf[i];
            });
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();
}

/// <summary>The layers of PoolLayers.cs with their geometry written again by hand.</summary>
public static class PoolRegistry
{
    private static PoolDef D(bool max, int c, int[] size, int[] kernel, int[]? stride = null, int[]? dilation = null, int[]? padBegin = null,
        int[]? padEnd = null, bool ceil = false, bool countIncludePad = true) =>
        PoolDef.Of(max, c, size, kernel, stride, dilation, padBegin, padEnd, ceil, countIncludePad);

    public static IReadOnlyList<PoolCase> All { get; } =
    [
        PoolCase.Of<float>(typeof(PMax1), D(true, 3, [20], [3]), PMax1.Forward, PMax1.Backward),
        PoolCase.Of<float>(typeof(PMax1Ceil), D(true, 2, [17], [4], [2], [2], [2], ceil: true), PMax1Ceil.Forward, PMax1Ceil.Backward),
        PoolCase.Of<double>(typeof(PMax1Long), D(true, 1, [5000], [2]), PMax1Long.Forward, PMax1Long.Backward),
        PoolCase.Of<float>(typeof(PMax1Stride1), D(true, 2, [45], [3], [1], null, [1]), PMax1Stride1.Forward, PMax1Stride1.Backward),
        PoolCase.Of<float>(typeof(PAvg1), D(false, 3, [20], [3], [2], null, [1]), PAvg1.Forward, PAvg1.Backward),
        PoolCase.Of<double>(typeof(PAvg1Ceil), D(false, 2, [11], [4], [3], null, [2], ceil: true, countIncludePad: false), PAvg1Ceil.Forward, PAvg1Ceil.Backward),

        PoolCase.Of<float>(typeof(PMax2Digits), D(true, 16, [8, 8], [2, 2]), PMax2Digits.Forward, PMax2Digits.Backward),
        PoolCase.Of<float>(typeof(PMax2Ceil), D(true, 3, [9, 11], [3, 3], [2, 2], null, [1, 1], ceil: true), PMax2Ceil.Forward, PMax2Ceil.Backward),
        PoolCase.Of<float>(typeof(PMax2Stride1), D(true, 2, [12, 40], [3, 3], [1, 1], null, [1, 1]), PMax2Stride1.Forward, PMax2Stride1.Backward),
        PoolCase.Of<double>(typeof(PMax2Dilated), D(true, 2, [10, 37], [2, 3], [1, 1], [2, 3], [1, 0], [0, 1]), PMax2Dilated.Forward, PMax2Dilated.Backward),
        // SAME_UPPER, 7 → ceil(7/2) = 4: total padding (4−1)·2 + 3 − 7 = 2 on each axis, 1 and 1.
        PoolCase.Of<double>(typeof(PMax2Same), D(true, 2, [7, 7], [3, 3], [2, 2], null, [1, 1], [1, 1]), PMax2Same.Forward, PMax2Same.Backward),
        PoolCase.Of<float>(typeof(PMax2Mixed), D(true, 1, [6, 9], [2, 4], [3, 4], null, [0, 2]), PMax2Mixed.Forward, PMax2Mixed.Backward),
        PoolCase.Of<float>(typeof(PAvg2), D(false, 4, [9, 10], [3, 3], [2, 2], null, [1, 1]), PAvg2.Forward, PAvg2.Backward),
        PoolCase.Of<float>(typeof(PAvg2Ceil), D(false, 2, [7, 9], [3, 2], [2, 2], null, [1, 1], ceil: true, countIncludePad: false), PAvg2Ceil.Forward, PAvg2Ceil.Backward),
        PoolCase.Of<double>(typeof(PAvg2Stride1), D(false, 3, [6, 40], [3, 3], [1, 1], null, [1, 1]), PAvg2Stride1.Forward, PAvg2Stride1.Backward),
        PoolCase.Of<float>(typeof(PAvg2Global), D(false, 1, [5, 5], [5, 5]), PAvg2Global.Forward, PAvg2Global.Backward),
        // SAME_LOWER, 8 → 4: total padding (4−1)·2 + 3 − 8 = 1, at the start.
        PoolCase.Of<float>(typeof(PAvg2Same), D(false, 2, [8, 8], [3, 3], [2, 2], null, [1, 1], [0, 0], countIncludePad: false), PAvg2Same.Forward, PAvg2Same.Backward),

        PoolCase.Of<float>(typeof(PMax3), D(true, 2, [5, 6, 7], [2, 2, 2]), PMax3.Forward, PMax3.Backward),
        PoolCase.Of<double>(typeof(PMax3Ceil), D(true, 1, [6, 7, 9], [3, 3, 3], [2, 2, 2], null, [1, 1, 1], ceil: true), PMax3Ceil.Forward, PMax3Ceil.Backward),
        PoolCase.Of<float>(typeof(PMax3Stride1), D(true, 2, [4, 5, 19], [2, 2, 3], [1, 1, 1], [1, 1, 2]), PMax3Stride1.Forward, PMax3Stride1.Backward),
        PoolCase.Of<float>(typeof(PAvg3), D(false, 2, [4, 6, 20], [2, 3, 3], [1, 2, 1], null, [1, 1, 1]), PAvg3.Forward, PAvg3.Backward),
        PoolCase.Of<double>(typeof(PAvg3Ceil), D(false, 1, [6, 6, 6], [3, 3, 3], [2, 2, 2], ceil: true, countIncludePad: false), PAvg3Ceil.Forward, PAvg3Ceil.Backward),
    ];

    public static PoolCase Get(string name) => All.Single(c => c.Name == name);
}
