using System.Collections.Generic;
using System.Linq;
using ConvGen.IntegrationTests.Nd;
using static ConvGen.IntegrationTests.LayerFactory;
using static ConvGen.IntegrationTests.NdDef;

namespace ConvGen.IntegrationTests;

/// <summary>
/// Every 1-D and 3-D layer of NdLayers.cs with its geometry repeated by hand (AutoPad resolved to the
/// padding of each side with ONNX's formulas) for <see cref="NdDef"/>'s reference, and its generated
/// members bound by method group, so a signature that departs from the SPEC fails the build.
/// </summary>
public static class NdLayers
{
    public static IReadOnlyList<LayerCase> All { get; } =
    [
        // ---- Conv1D ----
        Rw<float>(typeof(C1Basic), Conv1(2, 9, 3, 3), C1Basic.Forward, C1Basic.Transpose, C1Basic.WeightsGradient, C1Basic.ToMatrix),
        Rw<float>(typeof(C1Stride), Conv1(2, 11, 2, 3) with { Stride = [2] },
            C1Stride.Forward, C1Stride.Transpose, C1Stride.WeightsGradient, C1Stride.ToMatrix),
        Rw<double>(typeof(C1Dilation), Conv1(1, 12, 2, 3) with { Dilation = [3] },
            C1Dilation.Forward, C1Dilation.Transpose, C1Dilation.WeightsGradient, C1Dilation.ToMatrix),
        RwB<double>(typeof(C1Groups), Conv1(4, 10, 6, 3) with { Groups = 2, PadBegin = [1], PadEnd = [1], Bias = true },
            C1Groups.Forward, C1Groups.Transpose, C1Groups.WeightsGradient, C1Groups.BiasGradient, C1Groups.ToMatrix),
        RwB<float>(typeof(C1Depthwise), Conv1(3, 8, 3, 3) with { Groups = 3, PadBegin = [1], PadEnd = [1], Bias = true, Relu = true },
            C1Depthwise.Forward, C1Depthwise.Transpose, C1Depthwise.WeightsGradient, C1Depthwise.BiasGradient, C1Depthwise.ToMatrix),
        Rw<double>(typeof(C1Reflect), Conv1(2, 7, 2, 3) with { PadBegin = [2], PadEnd = [2], PaddingMode = RefPaddingMode.Reflect },
            C1Reflect.Forward, C1Reflect.Transpose, C1Reflect.WeightsGradient, C1Reflect.ToMatrix),
        Rw<float>(typeof(C1Replicate), Conv1(1, 6, 2, 4) with { PadBegin = [3], PadEnd = [1], PaddingMode = RefPaddingMode.Replicate },
            C1Replicate.Forward, C1Replicate.Transpose, C1Replicate.WeightsGradient, C1Replicate.ToMatrix),
        Rw<double>(typeof(C1Circular), Conv1(2, 5, 1, 3) with { PadBegin = [4], PadEnd = [4], PaddingMode = RefPaddingMode.Circular },
            C1Circular.Forward, C1Circular.Transpose, C1Circular.WeightsGradient, C1Circular.ToMatrix),
        Rw<double>(typeof(C1Asym), Conv1(2, 8, 2, 3) with { PadBegin = [2] },
            C1Asym.Forward, C1Asym.Transpose, C1Asym.WeightsGradient, C1Asym.ToMatrix),
        Rw<double>(typeof(C1SameUpper), Conv1(1, 9, 2, 4) with { Stride = [2], PadBegin = [1], PadEnd = [2] },
            C1SameUpper.Forward, C1SameUpper.Transpose, C1SameUpper.WeightsGradient, C1SameUpper.ToMatrix),
        Rw<float>(typeof(C1SameLower), Conv1(2, 7, 1, 2) with { PadBegin = [1] },
            C1SameLower.Forward, C1SameLower.Transpose, C1SameLower.WeightsGradient, C1SameLower.ToMatrix),
        Rw<float>(typeof(C1SameClamped), Conv1(1, 8, 1, 1) with { Stride = [2] },
            C1SameClamped.Forward, C1SameClamped.Transpose, C1SameClamped.WeightsGradient, C1SameClamped.ToMatrix),
        RwB<float>(typeof(C1Flip), Conv1(1, 8, 2, 3) with { Flip = true, Bias = true },
            C1Flip.Forward, C1Flip.Transpose, C1Flip.WeightsGradient, C1Flip.BiasGradient, C1Flip.ToMatrix),
        Cw<float>(typeof(C1Const), Conv1(1, 10, 1, 3), [1, -2, 1], C1Const.Forward, C1Const.Transpose, C1Const.ToMatrix),
        CwB<double>(typeof(C1ConstBias), Conv1(2, 6, 1, 2) with { Bias = true }, [0.5, -1, 2, 0.25],
            C1ConstBias.Forward, C1ConstBias.Transpose, C1ConstBias.BiasGradient, C1ConstBias.ToMatrix),
        Rw<float>(typeof(C1Full), Conv1(2, 16, 4, 5) with { PadBegin = [2], PadEnd = [2] },
            C1Full.Forward, C1Full.Transpose, C1Full.WeightsGradient, C1Full.ToMatrix),
        RwB<float>(typeof(C1Large), Conv1(4, 64, 8, 5) with { PadBegin = [2], PadEnd = [2], Bias = true, Relu = true },
            C1Large.Forward, C1Large.Transpose, C1Large.WeightsGradient, C1Large.BiasGradient, C1Large.ToMatrix),
        Rw<double>(typeof(C1LargeDouble), Conv1(3, 100, 5, 7) with { Stride = [2], Dilation = [2] },
            C1LargeDouble.Forward, C1LargeDouble.Transpose, C1LargeDouble.WeightsGradient, C1LargeDouble.ToMatrix),
        Rw<float>(typeof(C1LargeReflect), Conv1(2, 80, 4, 5) with { PadBegin = [2], PadEnd = [2], PaddingMode = RefPaddingMode.Reflect },
            C1LargeReflect.Forward, C1LargeReflect.Transpose, C1LargeReflect.WeightsGradient, C1LargeReflect.ToMatrix),

        // ---- ConvTranspose1D ----
        Rw<float>(typeof(T1Basic), Transposed1(2, 5, 3, 3), T1Basic.Forward, T1Basic.Transpose, T1Basic.WeightsGradient, T1Basic.ToMatrix),
        Rw<float>(typeof(T1Stride), Transposed1(2, 4, 2, 3) with { Stride = [2], PadBegin = [1], PadEnd = [1], OutPad = [1] },
            T1Stride.Forward, T1Stride.Transpose, T1Stride.WeightsGradient, T1Stride.ToMatrix),
        RwB<double>(typeof(T1GroupsDilation), Transposed1(4, 5, 2, 3) with { Groups = 2, Dilation = [2], Bias = true },
            T1GroupsDilation.Forward, T1GroupsDilation.Transpose, T1GroupsDilation.WeightsGradient, T1GroupsDilation.BiasGradient, T1GroupsDilation.ToMatrix),
        Rw<double>(typeof(T1SameUpper), Transposed1(1, 4, 1, 3) with { Stride = [2], PadEnd = [1] },
            T1SameUpper.Forward, T1SameUpper.Transpose, T1SameUpper.WeightsGradient, T1SameUpper.ToMatrix),
        Rw<float>(typeof(T1Flip), Transposed1(1, 6, 2, 2) with { Stride = [3], Flip = true },
            T1Flip.Forward, T1Flip.Transpose, T1Flip.WeightsGradient, T1Flip.ToMatrix),
        RwB<float>(typeof(T1Relu), Transposed1(2, 5, 2, 3) with { Stride = [2], Bias = true, Relu = true },
            T1Relu.Forward, T1Relu.Transpose, T1Relu.WeightsGradient, T1Relu.BiasGradient, T1Relu.ToMatrix),
        Cw<float>(typeof(T1Const), Transposed1(1, 5, 1, 3) with { Stride = [2] }, [1, 2, 1], T1Const.Forward, T1Const.Transpose, T1Const.ToMatrix),
        RwB<float>(typeof(T1Large), Transposed1(8, 32, 4, 4) with { Stride = [2], PadBegin = [1], PadEnd = [1], Bias = true },
            T1Large.Forward, T1Large.Transpose, T1Large.WeightsGradient, T1Large.BiasGradient, T1Large.ToMatrix),
        Rw<double>(typeof(T1LargeDouble), Transposed1(3, 50, 6, 5) with { Dilation = [2] },
            T1LargeDouble.Forward, T1LargeDouble.Transpose, T1LargeDouble.WeightsGradient, T1LargeDouble.ToMatrix),

        // ---- Conv3D ----
        Rw<double>(typeof(C3Basic), Conv3(2, 3, 4, 5, 2, 2, 3, 3), C3Basic.Forward, C3Basic.Transpose, C3Basic.WeightsGradient, C3Basic.ToMatrix),
        RwB<float>(typeof(C3Padded), Conv3(1, 4, 4, 4, 2, 3, 3, 3) with { PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], Bias = true },
            C3Padded.Forward, C3Padded.Transpose, C3Padded.WeightsGradient, C3Padded.BiasGradient, C3Padded.ToMatrix),
        Rw<float>(typeof(C3Stride), Conv3(2, 5, 6, 6, 2, 3, 3, 3) with { Stride = [2, 2, 2], PadBegin = [1, 1, 1], PadEnd = [1, 1, 1] },
            C3Stride.Forward, C3Stride.Transpose, C3Stride.WeightsGradient, C3Stride.ToMatrix),
        Rw<double>(typeof(C3AxisStride), Conv3(1, 6, 5, 4, 1, 2, 2, 2) with { Stride = [2, 1, 2], Dilation = [2, 1, 1] },
            C3AxisStride.Forward, C3AxisStride.Transpose, C3AxisStride.WeightsGradient, C3AxisStride.ToMatrix),
        RwB<double>(typeof(C3Groups), Conv3(4, 3, 4, 4, 4, 1, 3, 3) with { Groups = 2, PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], Bias = true },
            C3Groups.Forward, C3Groups.Transpose, C3Groups.WeightsGradient, C3Groups.BiasGradient, C3Groups.ToMatrix),
        RwB<float>(typeof(C3Depthwise), Conv3(3, 3, 5, 5, 3, 3, 3, 3) with { Groups = 3, PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], Bias = true, Relu = true },
            C3Depthwise.Forward, C3Depthwise.Transpose, C3Depthwise.WeightsGradient, C3Depthwise.BiasGradient, C3Depthwise.ToMatrix),
        Rw<double>(typeof(C3Reflect), Conv3(1, 3, 4, 5, 2, 2, 3, 3) with { PadBegin = [1, 2, 1], PadEnd = [1, 2, 1], PaddingMode = RefPaddingMode.Reflect },
            C3Reflect.Forward, C3Reflect.Transpose, C3Reflect.WeightsGradient, C3Reflect.ToMatrix),
        Rw<float>(typeof(C3Replicate), Conv3(2, 2, 3, 4, 1, 2, 2, 3) with
            { Stride = [2, 2, 2], PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], PaddingMode = RefPaddingMode.Replicate },
            C3Replicate.Forward, C3Replicate.Transpose, C3Replicate.WeightsGradient, C3Replicate.ToMatrix),
        Rw<double>(typeof(C3Circular), Conv3(1, 3, 3, 4, 2, 3, 2, 3) with { PadBegin = [2, 1, 0], PadEnd = [1, 0, 2], PaddingMode = RefPaddingMode.Circular },
            C3Circular.Forward, C3Circular.Transpose, C3Circular.WeightsGradient, C3Circular.ToMatrix),
        Rw<double>(typeof(C3Asym), Conv3(2, 4, 4, 4, 1, 2, 2, 2) with { PadBegin = [1, 0, 1], PadEnd = [0, 1, 1] },
            C3Asym.Forward, C3Asym.Transpose, C3Asym.WeightsGradient, C3Asym.ToMatrix),
        Rw<double>(typeof(C3SameUpper), Conv3(1, 5, 6, 7, 2, 2, 3, 4) with { Stride = [2, 2, 2], PadBegin = [0, 0, 1], PadEnd = [1, 1, 2] },
            C3SameUpper.Forward, C3SameUpper.Transpose, C3SameUpper.WeightsGradient, C3SameUpper.ToMatrix),
        Rw<float>(typeof(C3SameLower), Conv3(1, 4, 5, 4, 1, 3, 2, 3) with { PadBegin = [1, 1, 1], PadEnd = [1, 0, 1] },
            C3SameLower.Forward, C3SameLower.Transpose, C3SameLower.WeightsGradient, C3SameLower.ToMatrix),
        RwB<double>(typeof(C3Flip), Conv3(1, 3, 4, 4, 2, 2, 3, 2) with { Flip = true, Bias = true },
            C3Flip.Forward, C3Flip.Transpose, C3Flip.WeightsGradient, C3Flip.BiasGradient, C3Flip.ToMatrix),
        Cw<float>(typeof(C3Const), Conv3(1, 3, 4, 4, 1, 2, 2, 2), [1, -1, 0.5, 0, 0, 2, -0.25, 1], C3Const.Forward, C3Const.Transpose, C3Const.ToMatrix),
        CwB<double>(typeof(C3ConstBias), Conv3(1, 2, 3, 3, 2, 1, 2, 2) with { Bias = true }, [1, 0, 0, -1, 0.5, 0.5, -0.5, 2],
            C3ConstBias.Forward, C3ConstBias.Transpose, C3ConstBias.BiasGradient, C3ConstBias.ToMatrix),
        Rw<float>(typeof(C3Full), Conv3(1, 3, 4, 4, 2, 2, 2, 2), C3Full.Forward, C3Full.Transpose, C3Full.WeightsGradient, C3Full.ToMatrix),
        RwB<float>(typeof(C3Large), Conv3(2, 4, 10, 12, 4, 3, 3, 3) with { PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], Bias = true, Relu = true },
            C3Large.Forward, C3Large.Transpose, C3Large.WeightsGradient, C3Large.BiasGradient, C3Large.ToMatrix),
        Rw<double>(typeof(C3LargeDouble), Conv3(2, 3, 8, 16, 4, 2, 3, 3) with { PadBegin = [0, 1, 1], PadEnd = [0, 1, 1] },
            C3LargeDouble.Forward, C3LargeDouble.Transpose, C3LargeDouble.WeightsGradient, C3LargeDouble.ToMatrix),
        Rw<float>(typeof(C3LargeReflect), Conv3(2, 4, 6, 20, 3, 3, 3, 3) with
            { PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], PaddingMode = RefPaddingMode.Reflect },
            C3LargeReflect.Forward, C3LargeReflect.Transpose, C3LargeReflect.WeightsGradient, C3LargeReflect.ToMatrix),

        // ---- ConvTranspose3D ----
        Rw<double>(typeof(T3Basic), Transposed3(2, 2, 3, 3, 2, 2, 2, 2), T3Basic.Forward, T3Basic.Transpose, T3Basic.WeightsGradient, T3Basic.ToMatrix),
        Rw<float>(typeof(T3Stride), Transposed3(1, 2, 3, 3, 2, 3, 3, 3) with
            { Stride = [2, 2, 2], PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], OutPad = [1, 1, 1] },
            T3Stride.Forward, T3Stride.Transpose, T3Stride.WeightsGradient, T3Stride.ToMatrix),
        Rw<double>(typeof(T3AxisStride), Transposed3(2, 3, 2, 3, 1, 2, 3, 2) with { Stride = [2, 1, 3], OutPad = [0, 0, 1], Dilation = [1, 2, 1] },
            T3AxisStride.Forward, T3AxisStride.Transpose, T3AxisStride.WeightsGradient, T3AxisStride.ToMatrix),
        RwB<double>(typeof(T3GroupsBias), Transposed3(4, 2, 3, 3, 2, 2, 2, 2) with { Groups = 2, Bias = true },
            T3GroupsBias.Forward, T3GroupsBias.Transpose, T3GroupsBias.WeightsGradient, T3GroupsBias.BiasGradient, T3GroupsBias.ToMatrix),
        RwB<float>(typeof(T3Relu), Transposed3(2, 2, 2, 3, 2, 3, 3, 3) with { PadBegin = [1, 1, 1], PadEnd = [1, 1, 1], Bias = true, Relu = true },
            T3Relu.Forward, T3Relu.Transpose, T3Relu.WeightsGradient, T3Relu.BiasGradient, T3Relu.ToMatrix),
        Rw<double>(typeof(T3SameUpper), Transposed3(1, 2, 3, 3, 1, 3, 3, 3) with { Stride = [2, 2, 2], PadEnd = [1, 1, 1] },
            T3SameUpper.Forward, T3SameUpper.Transpose, T3SameUpper.WeightsGradient, T3SameUpper.ToMatrix),
        Rw<float>(typeof(T3Flip), Transposed3(1, 2, 2, 3, 2, 2, 2, 2) with { Stride = [1, 2, 1], Flip = true },
            T3Flip.Forward, T3Flip.Transpose, T3Flip.WeightsGradient, T3Flip.ToMatrix),
        Cw<float>(typeof(T3Const), Transposed3(1, 2, 2, 2, 1, 2, 2, 2) with { Stride = [2, 2, 2] }, [1, 2, 3, 4, -1, -2, 0.5, 0],
            T3Const.Forward, T3Const.Transpose, T3Const.ToMatrix),
        RwB<float>(typeof(T3Large), Transposed3(4, 4, 8, 8, 4, 2, 3, 3) with { Stride = [1, 2, 2], Bias = true },
            T3Large.Forward, T3Large.Transpose, T3Large.WeightsGradient, T3Large.BiasGradient, T3Large.ToMatrix),
    ];

    public static LayerCase Get(string name) => All.Single(c => c.Name == name);
}

/// <summary>The 2-D registry, the 1-D/3-D one and the [Linear] one together: the theories that hold for every layer run on this.</summary>
public static class AllLayers
{
    public static IReadOnlyList<LayerCase> All { get; } = [.. Conv2DLayers.All, .. NdLayers.All, .. Linear.LinearRegistry.All];

    public static LayerCase Get(string name) => All.Single(c => c.Name == name);
}
