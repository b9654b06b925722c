using System;
using System.Collections.Generic;
using System.Linq;
using static ConvGen.IntegrationTests.LayerDef;
using static ConvGen.IntegrationTests.LayerFactory;

namespace ConvGen.IntegrationTests;

/// <summary>
/// Every annotated layer with its geometry repeated by hand (padding resolved) for the reference, and
/// its generated members bound by method group, so a signature that departs from the SPEC fails the build.
/// </summary>
public static class Conv2DLayers
{
    public static IReadOnlyList<LayerCase> All { get; } =
    [
        // ---- the seeds ----
        Rw<float>(typeof(Seed1), Conv(1, 3, 3, 2, 2, 2), Seed1.Forward, Seed1.Transpose, Seed1.WeightsGradient, Seed1.ToMatrix),
        Rw<float>(typeof(Seed1Flip), Conv(1, 3, 3, 2, 2, 2) with { Flip = true },
            Seed1Flip.Forward, Seed1Flip.Transpose, Seed1Flip.WeightsGradient, Seed1Flip.ToMatrix),
        Rw<float>(typeof(SobelRuntime), Conv(1, 4, 4, 1, 3, 3),
            SobelRuntime.Forward, SobelRuntime.Transpose, SobelRuntime.WeightsGradient, SobelRuntime.ToMatrix),
        Cw<float>(typeof(SobelX), Conv(1, 4, 4, 1, 3, 3), [1, 0, -1, 2, 0, -2, 1, 0, -1], SobelX.Forward, SobelX.Transpose, SobelX.ToMatrix),
        Cw<float>(typeof(SobelXFlip), Conv(1, 4, 4, 1, 3, 3) with { Flip = true }, [1, 0, -1, 2, 0, -2, 1, 0, -1],
            SobelXFlip.Forward, SobelXFlip.Transpose, SobelXFlip.ToMatrix),

        // ---- stride ----
        Rw<float>(typeof(Stride2), Conv(2, 7, 7, 3, 3, 3) with { Stride = 2 }, Stride2.Forward, Stride2.Transpose, Stride2.WeightsGradient, Stride2.ToMatrix),
        Rw<float>(typeof(StrideH2), Conv(1, 8, 6, 2, 3, 3) with { StrideH = 2 },
            StrideH2.Forward, StrideH2.Transpose, StrideH2.WeightsGradient, StrideH2.ToMatrix),
        Rw<float>(typeof(StrideW3), Conv(2, 5, 9, 2, 2, 3) with { StrideW = 3 },
            StrideW3.Forward, StrideW3.Transpose, StrideW3.WeightsGradient, StrideW3.ToMatrix),
        Rw<float>(typeof(StrideHW), Conv(1, 9, 8, 1, 3, 2) with { StrideH = 3, StrideW = 2 },
            StrideHW.Forward, StrideHW.Transpose, StrideHW.WeightsGradient, StrideHW.ToMatrix),
        Rw<float>(typeof(StrideBeyondKernel), Conv(1, 7, 7, 1, 2, 2) with { Stride = 3 },
            StrideBeyondKernel.Forward, StrideBeyondKernel.Transpose, StrideBeyondKernel.WeightsGradient, StrideBeyondKernel.ToMatrix),

        // ---- padding ----
        Rw<float>(typeof(Pad1), Conv(2, 5, 5, 2, 3, 3) with { Pad = 1 }, Pad1.Forward, Pad1.Transpose, Pad1.WeightsGradient, Pad1.ToMatrix),
        Rw<float>(typeof(PadH2), Conv(1, 4, 6, 2, 3, 3) with { PadH = 2 }, PadH2.Forward, PadH2.Transpose, PadH2.WeightsGradient, PadH2.ToMatrix),
        Rw<float>(typeof(PadW1), Conv(2, 3, 4, 1, 2, 2) with { PadW = 1 }, PadW1.Forward, PadW1.Transpose, PadW1.WeightsGradient, PadW1.ToMatrix),
        Rw<float>(typeof(PadHW), Conv(1, 3, 3, 1, 2, 2) with { PadH = 1, PadW = 2 },
            PadHW.Forward, PadHW.Transpose, PadHW.WeightsGradient, PadHW.ToMatrix),
        Rw<float>(typeof(PadBeyondKernel), Conv(1, 2, 2, 1, 2, 2) with { Pad = 2 },
            PadBeyondKernel.Forward, PadBeyondKernel.Transpose, PadBeyondKernel.WeightsGradient, PadBeyondKernel.ToMatrix),

        // ---- dilation ----
        Rw<float>(typeof(Dil2), Conv(2, 7, 7, 2, 3, 3) with { Dilation = 2 }, Dil2.Forward, Dil2.Transpose, Dil2.WeightsGradient, Dil2.ToMatrix),
        Rw<float>(typeof(DilH2), Conv(1, 6, 5, 2, 2, 2) with { DilationH = 2 }, DilH2.Forward, DilH2.Transpose, DilH2.WeightsGradient, DilH2.ToMatrix),
        Rw<float>(typeof(DilW3), Conv(1, 4, 8, 1, 2, 3) with { DilationW = 3 }, DilW3.Forward, DilW3.Transpose, DilW3.WeightsGradient, DilW3.ToMatrix),

        // ---- groups ----
        Rw<float>(typeof(Groups2), Conv(4, 5, 5, 4, 3, 3) with { Groups = 2 },
            Groups2.Forward, Groups2.Transpose, Groups2.WeightsGradient, Groups2.ToMatrix),
        Rw<float>(typeof(Depthwise), Conv(3, 5, 5, 3, 3, 3) with { Groups = 3, Pad = 1 },
            Depthwise.Forward, Depthwise.Transpose, Depthwise.WeightsGradient, Depthwise.ToMatrix),
        Rw<float>(typeof(DepthwiseMult2), Conv(2, 4, 4, 4, 2, 2) with { Groups = 2 },
            DepthwiseMult2.Forward, DepthwiseMult2.Transpose, DepthwiseMult2.WeightsGradient, DepthwiseMult2.ToMatrix),
        Rw<float>(typeof(GroupsMult3), Conv(3, 4, 4, 6, 3, 3) with { Groups = 3, Pad = 1 },
            GroupsMult3.Forward, GroupsMult3.Transpose, GroupsMult3.WeightsGradient, GroupsMult3.ToMatrix),
        Rw<float>(typeof(Groups2Reduce), Conv(6, 4, 4, 2, 2, 2) with { Groups = 2 },
            Groups2Reduce.Forward, Groups2Reduce.Transpose, Groups2Reduce.WeightsGradient, Groups2Reduce.ToMatrix),

        // ---- bias, activation, flip ----
        RwB<float>(typeof(WithBias), Conv(2, 4, 4, 3, 3, 3) with { Bias = true },
            WithBias.Forward, WithBias.Transpose, WithBias.WeightsGradient, WithBias.BiasGradient, WithBias.ToMatrix),
        Rw<float>(typeof(WithRelu), Conv(2, 4, 4, 2, 2, 2) with { Relu = true },
            WithRelu.Forward, WithRelu.Transpose, WithRelu.WeightsGradient, WithRelu.ToMatrix),
        RwB<float>(typeof(BiasRelu), Conv(3, 5, 5, 4, 3, 3) with { Pad = 1, Bias = true, Relu = true },
            BiasRelu.Forward, BiasRelu.Transpose, BiasRelu.WeightsGradient, BiasRelu.BiasGradient, BiasRelu.ToMatrix),
        Rw<float>(typeof(FlipStridePad), Conv(2, 6, 6, 2, 3, 3) with { Flip = true, Stride = 2, Pad = 1 },
            FlipStridePad.Forward, FlipStridePad.Transpose, FlipStridePad.WeightsGradient, FlipStridePad.ToMatrix),
        Rw<float>(typeof(FlipGroupsDil), Conv(4, 6, 6, 2, 3, 2) with { Flip = true, Groups = 2, DilationH = 2 },
            FlipGroupsDil.Forward, FlipGroupsDil.Transpose, FlipGroupsDil.WeightsGradient, FlipGroupsDil.ToMatrix),

        // ---- double ----
        Rw<double>(typeof(DoubleBasic), Conv(2, 4, 4, 2, 3, 3),
            DoubleBasic.Forward, DoubleBasic.Transpose, DoubleBasic.WeightsGradient, DoubleBasic.ToMatrix),
        RwB<double>(typeof(DoubleBiasRelu), Conv(2, 5, 5, 3, 3, 3) with { Pad = 1, Bias = true, Relu = true },
            DoubleBiasRelu.Forward, DoubleBiasRelu.Transpose, DoubleBiasRelu.WeightsGradient, DoubleBiasRelu.BiasGradient, DoubleBiasRelu.ToMatrix),
        Rw<double>(typeof(DoubleStrideDil), Conv(2, 9, 9, 2, 3, 3) with { Stride = 2, Dilation = 2 },
            DoubleStrideDil.Forward, DoubleStrideDil.Transpose, DoubleStrideDil.WeightsGradient, DoubleStrideDil.ToMatrix),
        RwB<double>(typeof(DoubleBiasFlip), Conv(2, 4, 5, 2, 2, 3) with { Bias = true, Flip = true },
            DoubleBiasFlip.Forward, DoubleBiasFlip.Transpose, DoubleBiasFlip.WeightsGradient, DoubleBiasFlip.BiasGradient, DoubleBiasFlip.ToMatrix),

        // ---- constant weights ----
        Cw<float>(typeof(ConstMulti), Conv(2, 5, 5, 2, 2, 2), [1, 0, 0, -1, 0, 0.5, 0, 0, 0, 0, 0, 0, 2, -1, 0.25, 0],
            ConstMulti.Forward, ConstMulti.Transpose, ConstMulti.ToMatrix),
        CwB<float>(typeof(ConstBias), Conv(1, 4, 4, 2, 3, 3) with { Bias = true }, [0, 1, 0, 1, -4, 1, 0, 1, 0, 1, 2, 1, 0, 0, 0, -1, -2, -1],
            ConstBias.Forward, ConstBias.Transpose, ConstBias.BiasGradient, ConstBias.ToMatrix),
        Cw<double>(typeof(ConstDouble), Conv(1, 5, 5, 1, 3, 3) with { Pad = 1 }, [0, 1, 0, 1, -4, 1, 0, 1, 0],
            ConstDouble.Forward, ConstDouble.Transpose, ConstDouble.ToMatrix),
        CwB<float>(typeof(ConstZeros), Conv(1, 3, 3, 1, 2, 2) with { Bias = true }, [0, 0, 0, 0],
            ConstZeros.Forward, ConstZeros.Transpose, ConstZeros.BiasGradient, ConstZeros.ToMatrix),
        Cw<float>(typeof(ConstFraction), Conv(2, 4, 4, 1, 2, 2) with { Stride = 2 }, [0.1, -0.3, 0.7, 0.001, 3.14159, 0, -2.5, 1e-5],
            ConstFraction.Forward, ConstFraction.Transpose, ConstFraction.ToMatrix),

        // ---- Unroll = Full ----
        Rw<float>(typeof(FullSmall), Conv(2, 4, 4, 2, 3, 3) with { Pad = 1 },
            FullSmall.Forward, FullSmall.Transpose, FullSmall.WeightsGradient, FullSmall.ToMatrix),
        RwB<float>(typeof(FullCombo), Conv(4, 6, 6, 2, 2, 2) with { Groups = 2, Stride = 2, Dilation = 2, Bias = true, Relu = true },
            FullCombo.Forward, FullCombo.Transpose, FullCombo.WeightsGradient, FullCombo.BiasGradient, FullCombo.ToMatrix),
        CwB<float>(typeof(FullConst), Conv(1, 4, 4, 1, 3, 3) with { Flip = true, Bias = true }, [1, 2, 1, 0, 0, 0, -1, -2, -1],
            FullConst.Forward, FullConst.Transpose, FullConst.BiasGradient, FullConst.ToMatrix),
        Rw<double>(typeof(FullDouble), Conv(1, 5, 5, 2, 3, 3) with { Pad = 1, Relu = true },
            FullDouble.Forward, FullDouble.Transpose, FullDouble.WeightsGradient, FullDouble.ToMatrix),

        // ---- kernel shapes and combinations ----
        Rw<float>(typeof(Kernel1x1), Conv(4, 3, 3, 5, 1, 1), Kernel1x1.Forward, Kernel1x1.Transpose, Kernel1x1.WeightsGradient, Kernel1x1.ToMatrix),
        Rw<float>(typeof(KernelIsInput), Conv(2, 3, 3, 3, 3, 3),
            KernelIsInput.Forward, KernelIsInput.Transpose, KernelIsInput.WeightsGradient, KernelIsInput.ToMatrix),
        Rw<float>(typeof(Kernel1x3), Conv(2, 5, 7, 2, 1, 3) with { PadW = 1 },
            Kernel1x3.Forward, Kernel1x3.Transpose, Kernel1x3.WeightsGradient, Kernel1x3.ToMatrix),
        Rw<float>(typeof(Kernel3x1), Conv(2, 6, 4, 3, 3, 1) with { StrideH = 2 },
            Kernel3x1.Forward, Kernel3x1.Transpose, Kernel3x1.WeightsGradient, Kernel3x1.ToMatrix),
        RwB<float>(typeof(Combo), Conv(2, 6, 6, 4, 3, 3) with { StrideH = 2, PadH = 1, PadW = 2, DilationW = 2, Groups = 2, Bias = true },
            Combo.Forward, Combo.Transpose, Combo.WeightsGradient, Combo.BiasGradient, Combo.ToMatrix),
        Rw<float>(typeof(SingleOutput), Conv(3, 2, 2, 1, 2, 2),
            SingleOutput.Forward, SingleOutput.Transpose, SingleOutput.WeightsGradient, SingleOutput.ToMatrix),

        // ---- declaration shapes ----
        Rw<float>(typeof(Outer.Nested), Conv(1, 5, 5, 2, 2, 2) with { Dilation = 2, Pad = 1 },
            Outer.Nested.Forward, Outer.Nested.Transpose, Outer.Nested.WeightsGradient, Outer.Nested.ToMatrix),
        RwB<float>(typeof(InternalLayer), Conv(3, 4, 4, 3, 2, 2) with { Groups = 3, Bias = true },
            InternalLayer.Forward, InternalLayer.Transpose, InternalLayer.WeightsGradient, InternalLayer.BiasGradient, InternalLayer.ToMatrix),
        Rw<float>(typeof(GlobalConvLayer), Conv(2, 5, 5, 2, 3, 3) with { Stride = 2, Pad = 1 },
            GlobalConvLayer.Forward, GlobalConvLayer.Transpose, GlobalConvLayer.WeightsGradient, GlobalConvLayer.ToMatrix),

        // ---- larger layers: the looped code path ----
        Rw<float>(typeof(LargePadded), Conv(3, 16, 16, 8, 3, 3) with { Pad = 1 },
            LargePadded.Forward, LargePadded.Transpose, LargePadded.WeightsGradient, LargePadded.ToMatrix),
        RwB<float>(typeof(LargeStrided), Conv(4, 12, 12, 6, 5, 5) with { Stride = 2, Groups = 2, Bias = true, Relu = true },
            LargeStrided.Forward, LargeStrided.Transpose, LargeStrided.WeightsGradient, LargeStrided.BiasGradient, LargeStrided.ToMatrix),
        Rw<double>(typeof(LargeDepthwiseDouble), Conv(8, 10, 10, 8, 3, 3) with { Groups = 8, Pad = 1 },
            LargeDepthwiseDouble.Forward, LargeDepthwiseDouble.Transpose, LargeDepthwiseDouble.WeightsGradient, LargeDepthwiseDouble.ToMatrix),
        Rw<float>(typeof(LargePointwise), Conv(16, 8, 8, 16, 1, 1),
            LargePointwise.Forward, LargePointwise.Transpose, LargePointwise.WeightsGradient, LargePointwise.ToMatrix),
        RwB<float>(typeof(LargePointwiseGrouped), Conv(12, 5, 5, 18, 1, 1) with { Groups = 3, Bias = true, Relu = true },
            LargePointwiseGrouped.Forward, LargePointwiseGrouped.Transpose, LargePointwiseGrouped.WeightsGradient, LargePointwiseGrouped.BiasGradient, LargePointwiseGrouped.ToMatrix),
        Rw<double>(typeof(LargePointwiseDouble), Conv(6, 7, 3, 10, 1, 1),
            LargePointwiseDouble.Forward, LargePointwiseDouble.Transpose, LargePointwiseDouble.WeightsGradient, LargePointwiseDouble.ToMatrix),
        Cw<float>(typeof(LargePointwiseConst), Conv(8, 4, 16, 8, 1, 1) with { Groups = 2 }, [-1, -0.625, -0.25, 0.125, 0.5, 0.875, -0.875, -0.5, -0.125, 0.25, 0.625, 1, -0.75, -0.375, 0, 0.375, 0.75, -1, -0.625, -0.25, 0.125, 0.5, 0.875, -0.875, -0.5, -0.125, 0.25, 0.625, 1, -0.75, -0.375, 0],
            LargePointwiseConst.Forward, LargePointwiseConst.Transpose, LargePointwiseConst.ToMatrix),
        Cw<float>(typeof(LargeConst), Conv(2, 20, 20, 3, 3, 3), LargeConstWeights, LargeConst.Forward, LargeConst.Transpose, LargeConst.ToMatrix),
        RwB<float>(typeof(LargeStrideDil), Conv(4, 15, 15, 4, 3, 3) with { Stride = 2, Dilation = 2, Pad = 2, Bias = true },
            LargeStrideDil.Forward, LargeStrideDil.Transpose, LargeStrideDil.WeightsGradient, LargeStrideDil.BiasGradient, LargeStrideDil.ToMatrix),
        RwB<double>(typeof(LargeFlipDouble), Conv(3, 12, 12, 4, 3, 3) with { Flip = true, Pad = 1, Bias = true },
            LargeFlipDouble.Forward, LargeFlipDouble.Transpose, LargeFlipDouble.WeightsGradient, LargeFlipDouble.BiasGradient, LargeFlipDouble.ToMatrix),
        Rw<float>(typeof(LargeMultiplier), Conv(4, 12, 12, 8, 3, 3) with { Groups = 4, Pad = 1, Relu = true },
            LargeMultiplier.Forward, LargeMultiplier.Transpose, LargeMultiplier.WeightsGradient, LargeMultiplier.ToMatrix),
        Rw<float>(typeof(LargeAsym), Conv(2, 10, 14, 3, 3, 5) with { StrideW = 2, PadH = 1, DilationH = 2 },
            LargeAsym.Forward, LargeAsym.Transpose, LargeAsym.WeightsGradient, LargeAsym.ToMatrix),
        CwB<double>(typeof(LargeConstBiasDouble), Conv(1, 24, 24, 2, 3, 3) with { Pad = 1, Bias = true }, LargeConstBiasDoubleWeights,
            LargeConstBiasDouble.Forward, LargeConstBiasDouble.Transpose, LargeConstBiasDouble.BiasGradient, LargeConstBiasDouble.ToMatrix),
        Rw<double>(typeof(DoubleWide), Conv(4, 16, 16, 4, 3, 3) with { Pad = 1, Groups = 4 },
            DoubleWide.Forward, DoubleWide.Transpose, DoubleWide.WeightsGradient, DoubleWide.ToMatrix),

        // ---- padding modes, AutoPad and [ConvTranspose2D]: PaddingTransposeLayers.Registry.cs ----
        .. PaddingTransposeLayers.All,
    ];

    public static LayerCase Get(string name) => All.Single(c => c.Name == name);

    private static double[] LargeConstWeights =>
    [
        1, 0, -1, 2, 0, -2, 1, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0,
        0.5, 0.25, 0, -0.5, 0, 0.75, 0, 0, 0.125, -1, -1, -1, 0, 0, 0, 1, 1, 1,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
    ];

    private static double[] LargeConstBiasDoubleWeights =>
    [
        0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625,
        0, -1, 0, -1, 4, -1, 0, -1, 0,
    ];
}
