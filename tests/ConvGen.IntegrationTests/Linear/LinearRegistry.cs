using System.Collections.Generic;
using System.Linq;
using static ConvGen.IntegrationTests.LayerFactory;

namespace ConvGen.IntegrationTests.Linear;

/// <summary>The [Linear] layers of LinearLayers.cs with their sizes repeated by hand for <see cref="LinearDef"/>'s
/// plain loop, their generated members bound by method group.</summary>
public static class LinearRegistry
{
    public static IReadOnlyList<LayerCase> All { get; } =
    [
        Rw<float>(typeof(LTiny), new LinearDef(3, 2), LTiny.Forward, LTiny.Transpose, LTiny.WeightsGradient, LTiny.ToMatrix),
        RwB<double>(typeof(LSmallDouble), new LinearDef(5, 4) { Bias = true, Relu = true },
            LSmallDouble.Forward, LSmallDouble.Transpose, LSmallDouble.WeightsGradient, LSmallDouble.BiasGradient, LSmallDouble.ToMatrix),
        Cw<float>(typeof(LConst), new LinearDef(4, 3), [1, -2, 0, 0.5, 0, 0, 3, -1, 2, 2, -0.25, 1], LConst.Forward, LConst.Transpose, LConst.ToMatrix),
        CwB<double>(typeof(LConstBias), new LinearDef(3, 2) { Bias = true }, [0.5, -1, 2, 0, 1.5, -3],
            LConstBias.Forward, LConstBias.Transpose, LConstBias.BiasGradient, LConstBias.ToMatrix),
        RwB<float>(typeof(LMid), new LinearDef(100, 37) { Bias = true }, LMid.Forward, LMid.Transpose, LMid.WeightsGradient, LMid.BiasGradient, LMid.ToMatrix),
        RwB<float>(typeof(LOdd), new LinearDef(257, 67) { Bias = true, Relu = true }, LOdd.Forward, LOdd.Transpose, LOdd.WeightsGradient, LOdd.BiasGradient, LOdd.ToMatrix),
        Rw<float>(typeof(LWide), new LinearDef(1024, 40), LWide.Forward, LWide.Transpose, LWide.WeightsGradient, LWide.ToMatrix),
        Rw<double>(typeof(LMidDouble), new LinearDef(131, 29), LMidDouble.Forward, LMidDouble.Transpose, LMidDouble.WeightsGradient, LMidDouble.ToMatrix),
        RwB<double>(typeof(LWideDouble), new LinearDef(300, 41) { Bias = true },
            LWideDouble.Forward, LWideDouble.Transpose, LWideDouble.WeightsGradient, LWideDouble.BiasGradient, LWideDouble.ToMatrix),
        RwB<float>(typeof(LTall), new LinearDef(7, 300) { Bias = true }, LTall.Forward, LTall.Transpose, LTall.WeightsGradient, LTall.BiasGradient, LTall.ToMatrix),
    ];

    public static LayerCase Get(string name) => All.Single(c => c.Name == name);
}
