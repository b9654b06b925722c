using System.Collections.Generic;
using static ConvGen.IntegrationTests.LayerDef;
using static ConvGen.IntegrationTests.NdDef;
using static ConvGen.IntegrationTests.Residual.ResidualBind;

namespace ConvGen.IntegrationTests.Residual;

/// <summary>The layers of ResidualLayers.cs with their geometry repeated by hand and Forward bound by method group.</summary>
public static class ResidualRegistry
{
    public static IReadOnlyList<ResidualCase> All { get; } =
    [
        new ResidualCase<float>("RBatched", Conv(1, 4, 4, 2, 3, 3) with { Pad = 1, Bias = true }, "Relu", null, WB<float>(RBatched.Forward)),
        new ResidualCase<float>("RConst", Conv(1, 4, 4, 1, 3, 3) with { Pad = 1 }, "Tanh", [1, 0, -1, 2, 0.5, -2, 1, 0, -1], Const<float>(RConst.Forward)),
        new ResidualCase<float>("RLooped", Conv(4, 8, 3, 4, 3, 3) with { Pad = 1, Bias = true }, "LeakyRelu", null, WB<float>(RLooped.Forward)),
        new ResidualCase<float>("RSimd", Conv(3, 50, 37, 11, 3, 3) with { Pad = 1, Bias = true }, "Silu", null, WB<float>(RSimd.Forward)),
        new ResidualCase<float>("RSimdWide", Conv(2, 4, 100, 11, 3, 3) with { Pad = 1 }, "Relu6", null, W<float>(RSimdWide.Forward)),
        new ResidualCase<double>("RSimdDouble", Conv(2, 6, 6, 3, 3, 3) with { Pad = 1, Bias = true }, "Silu", null, WB<double>(RSimdDouble.Forward)),
        new ResidualCase<float>("RDepthwise", Conv(8, 80, 96, 8, 3, 3) with { Pad = 1, Groups = 8, Bias = true }, "HardSwish", null, WB<float>(RDepthwise.Forward)),
        new ResidualCase<float>("RPointwise", Conv(16, 30, 30, 37, 1, 1) with { Bias = true }, "Silu", null, WB<float>(RPointwise.Forward)),
        new ResidualCase<float>("RPointwiseRows", Conv(32, 70, 30, 8, 1, 1) with { Bias = true }, "Relu6", null, WB<float>(RPointwiseRows.Forward)),
        new ResidualCase<float>("RFolded", Conv(1, 12, 40, 1, 3, 3) with { Pad = 1 }, "Clip11", [1, 0, -1, 2, 0, -2, 1, 0, -1], Const<float>(RFolded.Forward)),
        new ResidualCase<float>("RTransposed", Transposed(4, 6, 20, 3, 3, 3) with { Stride = 2, Pad = 1, Bias = true }, "Sigmoid", null, WB<float>(RTransposed.Forward)),
        new ResidualCase<double>("RTransposedSmall", Transposed(2, 3, 3, 2, 2, 2), "None", null, W<double>(RTransposedSmall.Forward)),
        new ResidualCase<float>("R1D", Conv1(4, 50, 6, 5) with { PadBegin = [2], PadEnd = [2], Bias = true }, "Silu", null, WB<float>(R1D.Forward)),
        new ResidualCase<float>("R3D", Conv3(2, 4, 5, 18, 3, 3, 3, 3) with { PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], Bias = true }, "Silu", null, WB<float>(R3D.Forward)),
        new ResidualCase<float>("RLinear", new LinearDef(130, 21) { Bias = true }, "Silu", null, WB<float>(RLinear.Forward)),
        new ResidualCase<double>("RLinearDouble", new LinearDef(77, 30), "LeakyRelu", null, W<double>(RLinearDouble.Forward)),
        new ResidualCase<double>("R3DTransposed", Transposed3(2, 2, 3, 3, 2, 2, 2, 2) with { Stride = [2, 2, 2], Bias = true }, "Relu", null, WB<double>(R3DTransposed.Forward)),
    ];
}
