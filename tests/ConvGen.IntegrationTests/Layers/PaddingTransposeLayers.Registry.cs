using System.Collections.Generic;
using static ConvGen.IntegrationTests.LayerDef;
using static ConvGen.IntegrationTests.LayerFactory;
using static ConvGen.IntegrationTests.RefPaddingMode;

namespace ConvGen.IntegrationTests;

/// <summary>
/// The padding-mode, AutoPad and [ConvTranspose2D] layers (Layers/PaddingLayers*.cs, Layers/TransposeLayers.cs),
/// each with its geometry written out by hand for the reference: AutoPad resolved to its four sides from
/// the ONNX formulas, never read from the generated constants. <see cref="Conv2DLayers.All"/> includes them,
/// so every theory over the registry runs on them.
/// </summary>
public static class PaddingTransposeLayers
{
    public static IReadOnlyList<LayerCase> All { get; } =
    [
        // ---- Reflect ----
        Rw<float>(typeof(ReflectPad1), Conv(2, 5, 5, 2, 3, 3) with { Pad = 1, PaddingMode = Reflect },
            ReflectPad1.Forward, ReflectPad1.Transpose, ReflectPad1.WeightsGradient, ReflectPad1.ToMatrix),
        Rw<float>(typeof(ReflectPerAxis), Conv(1, 4, 6, 2, 3, 3) with { PadH = 2, PadW = 1, PaddingMode = Reflect },
            ReflectPerAxis.Forward, ReflectPerAxis.Transpose, ReflectPerAxis.WeightsGradient, ReflectPerAxis.ToMatrix),
        Rw<float>(typeof(ReflectAsym), Conv(2, 5, 6, 1, 3, 2) with { PadTop = 2, PadBottom = 0, PadLeft = 1, PadRight = 3, PaddingMode = Reflect },
            ReflectAsym.Forward, ReflectAsym.Transpose, ReflectAsym.WeightsGradient, ReflectAsym.ToMatrix),
        Rw<float>(typeof(ReflectLimit), Conv(1, 3, 4, 2, 2, 3) with { PadH = 2, PadW = 3, PaddingMode = Reflect },
            ReflectLimit.Forward, ReflectLimit.Transpose, ReflectLimit.WeightsGradient, ReflectLimit.ToMatrix),
        Rw<float>(typeof(ReflectStrideDil), Conv(2, 7, 7, 2, 3, 3) with { Pad = 2, Stride = 2, Dilation = 2, PaddingMode = Reflect },
            ReflectStrideDil.Forward, ReflectStrideDil.Transpose, ReflectStrideDil.WeightsGradient, ReflectStrideDil.ToMatrix),
        RwB<float>(typeof(ReflectGroupsBiasRelu), Conv(4, 5, 5, 2, 3, 3) with { Pad = 1, Groups = 2, Bias = true, Relu = true, PaddingMode = Reflect },
            ReflectGroupsBiasRelu.Forward, ReflectGroupsBiasRelu.Transpose, ReflectGroupsBiasRelu.WeightsGradient, ReflectGroupsBiasRelu.BiasGradient, ReflectGroupsBiasRelu.ToMatrix),
        Rw<double>(typeof(ReflectFlipDouble), Conv(2, 4, 5, 2, 3, 3) with { PadH = 1, PadW = 2, Flip = true, PaddingMode = Reflect },
            ReflectFlipDouble.Forward, ReflectFlipDouble.Transpose, ReflectFlipDouble.WeightsGradient, ReflectFlipDouble.ToMatrix),
        Cw<float>(typeof(ReflectConstBlur), Conv(1, 5, 5, 1, 3, 3) with { Pad = 1, PaddingMode = Reflect }, [0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625],
            ReflectConstBlur.Forward, ReflectConstBlur.Transpose, ReflectConstBlur.ToMatrix),

        // ---- Replicate ----
        RwB<float>(typeof(ReplicatePad1Bias), Conv(2, 5, 5, 2, 3, 3) with { Pad = 1, Bias = true, PaddingMode = Replicate },
            ReplicatePad1Bias.Forward, ReplicatePad1Bias.Transpose, ReplicatePad1Bias.WeightsGradient, ReplicatePad1Bias.BiasGradient, ReplicatePad1Bias.ToMatrix),
        Rw<float>(typeof(ReplicateAsym), Conv(1, 4, 5, 2, 3, 3) with { PadTop = 0, PadBottom = 3, PadLeft = 2, PadRight = 1, PaddingMode = Replicate },
            ReplicateAsym.Forward, ReplicateAsym.Transpose, ReplicateAsym.WeightsGradient, ReplicateAsym.ToMatrix),
        Rw<float>(typeof(ReplicateBeyondInput), Conv(1, 2, 3, 1, 2, 2) with { PadH = 3, PadW = 4, PaddingMode = Replicate },
            ReplicateBeyondInput.Forward, ReplicateBeyondInput.Transpose, ReplicateBeyondInput.WeightsGradient, ReplicateBeyondInput.ToMatrix),
        Rw<float>(typeof(ReplicateStrideDil), Conv(2, 6, 7, 2, 3, 3) with { Pad = 1, StrideH = 2, DilationW = 2, PaddingMode = Replicate },
            ReplicateStrideDil.Forward, ReplicateStrideDil.Transpose, ReplicateStrideDil.WeightsGradient, ReplicateStrideDil.ToMatrix),
        Rw<double>(typeof(ReplicateReluDouble), Conv(2, 4, 4, 2, 2, 2) with { Pad = 2, Relu = true, PaddingMode = Replicate },
            ReplicateReluDouble.Forward, ReplicateReluDouble.Transpose, ReplicateReluDouble.WeightsGradient, ReplicateReluDouble.ToMatrix),
        Cw<float>(typeof(ReplicateConstFlip), Conv(1, 4, 4, 2, 2, 2) with { Pad = 1, Flip = true, PaddingMode = Replicate }, [1, -1, 0, 0, 0.5, 0, 0, -0.5],
            ReplicateConstFlip.Forward, ReplicateConstFlip.Transpose, ReplicateConstFlip.ToMatrix),

        // ---- Circular ----
        Rw<float>(typeof(CircularPad1), Conv(2, 5, 5, 2, 3, 3) with { Pad = 1, PaddingMode = Circular },
            CircularPad1.Forward, CircularPad1.Transpose, CircularPad1.WeightsGradient, CircularPad1.ToMatrix),
        Rw<float>(typeof(CircularLimit), Conv(1, 3, 4, 1, 3, 3) with { PadH = 3, PadW = 4, PaddingMode = Circular },
            CircularLimit.Forward, CircularLimit.Transpose, CircularLimit.WeightsGradient, CircularLimit.ToMatrix),
        Rw<float>(typeof(CircularLimitStride), Conv(2, 4, 3, 2, 2, 2) with { PadH = 4, PadW = 3, Stride = 2, PaddingMode = Circular },
            CircularLimitStride.Forward, CircularLimitStride.Transpose, CircularLimitStride.WeightsGradient, CircularLimitStride.ToMatrix),
        Rw<float>(typeof(CircularAsymDil), Conv(1, 5, 6, 2, 3, 3) with { PadTop = 1, PadBottom = 3, PadLeft = 4, PadRight = 0, DilationH = 2, PaddingMode = Circular },
            CircularAsymDil.Forward, CircularAsymDil.Transpose, CircularAsymDil.WeightsGradient, CircularAsymDil.ToMatrix),
        RwB<float>(typeof(CircularGroupsBias), Conv(4, 4, 4, 2, 3, 3) with { Pad = 1, Groups = 2, Bias = true, PaddingMode = Circular },
            CircularGroupsBias.Forward, CircularGroupsBias.Transpose, CircularGroupsBias.WeightsGradient, CircularGroupsBias.BiasGradient, CircularGroupsBias.ToMatrix),
        Cw<double>(typeof(CircularConstLaplaceDouble), Conv(1, 4, 4, 1, 3, 3) with { Pad = 1, PaddingMode = Circular }, [0, 1, 0, 1, -4, 1, 0, 1, 0],
            CircularConstLaplaceDouble.Forward, CircularConstLaplaceDouble.Transpose, CircularConstLaplaceDouble.ToMatrix),

        // ---- AutoPad, resolved by hand: H' = ceil(H/s), total = (H'−1)·s + dil·(P−1) + 1 − H; SameUpper: top = total/2; SameLower: bottom = total/2 ----
        Rw<float>(typeof(AutoValidStride2), Conv(2, 6, 7, 2, 3, 3) with { Stride = 2 },
            AutoValidStride2.Forward, AutoValidStride2.Transpose, AutoValidStride2.WeightsGradient, AutoValidStride2.ToMatrix),
        Rw<float>(typeof(AutoValidStride3), Conv(1, 8, 9, 2, 2, 3) with { Stride = 3 },
            AutoValidStride3.Forward, AutoValidStride3.Transpose, AutoValidStride3.WeightsGradient, AutoValidStride3.ToMatrix),
        RwB<float>(typeof(AutoValidDilBias), Conv(2, 7, 6, 1, 3, 2) with { DilationH = 2, Bias = true },
            AutoValidDilBias.Forward, AutoValidDilBias.Transpose, AutoValidDilBias.WeightsGradient, AutoValidDilBias.BiasGradient, AutoValidDilBias.ToMatrix),
        // H 5→5: total 2 = 1+1; W 6→6: total 3 = 1+2
        Rw<float>(typeof(AutoSameUpper), Conv(1, 5, 6, 2, 3, 4) with { PadTop = 1, PadBottom = 1, PadLeft = 1, PadRight = 2 },
            AutoSameUpper.Forward, AutoSameUpper.Transpose, AutoSameUpper.WeightsGradient, AutoSameUpper.ToMatrix),
        // H 4→4: total 1 = 1+0; W 5→5: total 3 = 2+1
        Rw<float>(typeof(AutoSameLower), Conv(2, 4, 5, 1, 2, 4) with { PadTop = 1, PadBottom = 0, PadLeft = 2, PadRight = 1 },
            AutoSameLower.Forward, AutoSameLower.Transpose, AutoSameLower.WeightsGradient, AutoSameLower.ToMatrix),
        // H 7→4: total 3·2+2+1−7 = 2; W 8→4: total 6+3−8 = 1
        Rw<float>(typeof(AutoSameUpperStride2), Conv(2, 7, 8, 2, 3, 3) with { Stride = 2, PadTop = 1, PadBottom = 1, PadLeft = 0, PadRight = 1 },
            AutoSameUpperStride2.Forward, AutoSameUpperStride2.Transpose, AutoSameUpperStride2.WeightsGradient, AutoSameUpperStride2.ToMatrix),
        Rw<float>(typeof(AutoSameLowerStride2), Conv(2, 7, 8, 2, 3, 3) with { Stride = 2, PadTop = 1, PadBottom = 1, PadLeft = 1, PadRight = 0 },
            AutoSameLowerStride2.Forward, AutoSameLowerStride2.Transpose, AutoSameLowerStride2.WeightsGradient, AutoSameLowerStride2.ToMatrix),
        // H 10→4: total 9+3+1−10 = 3; W 11→4: total 9+4+1−11 = 3
        Rw<float>(typeof(AutoSameUpperStride3), Conv(1, 10, 11, 2, 4, 5) with { Stride = 3, PadTop = 1, PadBottom = 2, PadLeft = 1, PadRight = 2 },
            AutoSameUpperStride3.Forward, AutoSameUpperStride3.Transpose, AutoSameUpperStride3.WeightsGradient, AutoSameUpperStride3.ToMatrix),
        // H 9→3: total 6+4+1−9 = 2; W 8→3: total 6+4+1−8 = 3
        Rw<float>(typeof(AutoSameLowerStride3Dil), Conv(1, 9, 8, 2, 3, 3) with { Stride = 3, Dilation = 2, PadTop = 1, PadBottom = 1, PadLeft = 2, PadRight = 1 },
            AutoSameLowerStride3Dil.Forward, AutoSameLowerStride3Dil.Transpose, AutoSameLowerStride3Dil.WeightsGradient, AutoSameLowerStride3Dil.ToMatrix),
        // H 6→3 (s 2): total 4+2+1−6 = 1; W 10→4 (s 3): total 9+2+1−10 = 2
        RwB<float>(typeof(AutoSameUpperStrideHW), Conv(2, 6, 10, 2, 3, 3) with { StrideH = 2, StrideW = 3, PadTop = 0, PadBottom = 1, PadLeft = 1, PadRight = 1, Bias = true },
            AutoSameUpperStrideHW.Forward, AutoSameUpperStrideHW.Transpose, AutoSameUpperStrideHW.WeightsGradient, AutoSameUpperStrideHW.BiasGradient, AutoSameUpperStrideHW.ToMatrix),
        // H 5→3: total 4+2+1−5 = 2; W 6→3: total 4+2+1−6 = 1
        Rw<float>(typeof(AutoSameUpperReflect), Conv(2, 5, 6, 2, 3, 3) with { Stride = 2, PadTop = 1, PadBottom = 1, PadLeft = 0, PadRight = 1, PaddingMode = Reflect },
            AutoSameUpperReflect.Forward, AutoSameUpperReflect.Transpose, AutoSameUpperReflect.WeightsGradient, AutoSameUpperReflect.ToMatrix),
        // 5→5: total 4+3+1−5 = 3 on both axes
        Rw<float>(typeof(AutoSameLowerCircular), Conv(1, 5, 5, 2, 4, 4) with { PadTop = 2, PadBottom = 1, PadLeft = 2, PadRight = 1, PaddingMode = Circular },
            AutoSameLowerCircular.Forward, AutoSameLowerCircular.Transpose, AutoSameLowerCircular.WeightsGradient, AutoSameLowerCircular.ToMatrix),
        // 6→6: total 5+1+1−6 = 1 on both axes
        Rw<double>(typeof(AutoSameUpperReplicateDouble), Conv(2, 6, 6, 2, 2, 2) with { PadTop = 0, PadBottom = 1, PadLeft = 0, PadRight = 1, Flip = true, PaddingMode = Replicate },
            AutoSameUpperReplicateDouble.Forward, AutoSameUpperReplicateDouble.Transpose, AutoSameUpperReplicateDouble.WeightsGradient, AutoSameUpperReplicateDouble.ToMatrix),
        // 6→3: total 4+2+1−6 = 1 on both axes
        Cw<float>(typeof(AutoSameLowerConstRelu), Conv(1, 6, 6, 1, 3, 3) with { Stride = 2, PadTop = 1, PadBottom = 0, PadLeft = 1, PadRight = 0, Relu = true }, [-1, -1, -1, -1, 8, -1, -1, -1, -1],
            AutoSameLowerConstRelu.Forward, AutoSameLowerConstRelu.Transpose, AutoSameLowerConstRelu.ToMatrix),

        // ---- larger [Conv2D]: looped and SIMD code ----
        Rw<float>(typeof(LargeReflect), Conv(3, 20, 24, 4, 3, 3) with { Pad = 1, PaddingMode = Reflect },
            LargeReflect.Forward, LargeReflect.Transpose, LargeReflect.WeightsGradient, LargeReflect.ToMatrix),
        RwB<float>(typeof(LargeReplicateStride2), Conv(2, 32, 36, 4, 3, 3) with { Pad = 1, Stride = 2, Bias = true, PaddingMode = Replicate },
            LargeReplicateStride2.Forward, LargeReplicateStride2.Transpose, LargeReplicateStride2.WeightsGradient, LargeReplicateStride2.BiasGradient, LargeReplicateStride2.ToMatrix),
        Rw<float>(typeof(LargeCircularDil2), Conv(2, 16, 20, 3, 3, 3) with { Pad = 2, Dilation = 2, PaddingMode = Circular },
            LargeCircularDil2.Forward, LargeCircularDil2.Transpose, LargeCircularDil2.WeightsGradient, LargeCircularDil2.ToMatrix),
        Rw<float>(typeof(LargeAsymGroups), Conv(4, 12, 18, 4, 3, 3) with { PadTop = 0, PadBottom = 2, PadLeft = 2, PadRight = 1, Groups = 2 },
            LargeAsymGroups.Forward, LargeAsymGroups.Transpose, LargeAsymGroups.WeightsGradient, LargeAsymGroups.ToMatrix),
        RwB<float>(typeof(LargeReflectAsymGroups), Conv(4, 10, 20, 4, 3, 3) with { PadTop = 2, PadBottom = 1, PadLeft = 1, PadRight = 2, Groups = 2, Bias = true, Relu = true, PaddingMode = Reflect },
            LargeReflectAsymGroups.Forward, LargeReflectAsymGroups.Transpose, LargeReflectAsymGroups.WeightsGradient, LargeReflectAsymGroups.BiasGradient, LargeReflectAsymGroups.ToMatrix),
        Rw<float>(typeof(LargeStride3Width50), Conv(2, 12, 50, 3, 3, 3) with { Stride = 3, Pad = 1 },
            LargeStride3Width50.Forward, LargeStride3Width50.Transpose, LargeStride3Width50.WeightsGradient, LargeStride3Width50.ToMatrix),
        Rw<float>(typeof(LargeStride3Out50Circular), Conv(1, 9, 150, 2, 3, 3) with { Stride = 3, Pad = 1, PaddingMode = Circular },
            LargeStride3Out50Circular.Forward, LargeStride3Out50Circular.Transpose, LargeStride3Out50Circular.WeightsGradient, LargeStride3Out50Circular.ToMatrix),
        RwB<double>(typeof(LargeReflectFlipDouble), Conv(2, 12, 18, 3, 3, 3) with { Pad = 1, Flip = true, Bias = true, PaddingMode = Reflect },
            LargeReflectFlipDouble.Forward, LargeReflectFlipDouble.Transpose, LargeReflectFlipDouble.WeightsGradient, LargeReflectFlipDouble.BiasGradient, LargeReflectFlipDouble.ToMatrix),
        Cw<float>(typeof(LargeConstCircular), Conv(1, 16, 24, 2, 3, 3) with { Pad = 1, PaddingMode = Circular }, [1, 0, -1, 2, 0, -2, 1, 0, -1, 0.1, 0.2, 0.1, 0, 0, 0, -0.1, -0.2, -0.1],
            LargeConstCircular.Forward, LargeConstCircular.Transpose, LargeConstCircular.ToMatrix),
        // H 24→12: total 11·2+3−24 = 1; W 37→19: total 18·2+3−37 = 2
        Rw<float>(typeof(LargeAutoSameUpperStride2), Conv(2, 24, 37, 3, 3, 3) with { Stride = 2, PadTop = 0, PadBottom = 1, PadLeft = 1, PadRight = 1 },
            LargeAutoSameUpperStride2.Forward, LargeAutoSameUpperStride2.Transpose, LargeAutoSameUpperStride2.WeightsGradient, LargeAutoSameUpperStride2.ToMatrix),
        // stride 1, P = Q = 4: total 3 on both axes
        Rw<float>(typeof(LargeAutoSameLowerReflect), Conv(2, 14, 37, 2, 4, 4) with { PadTop = 2, PadBottom = 1, PadLeft = 2, PadRight = 1, PaddingMode = Reflect },
            LargeAutoSameLowerReflect.Forward, LargeAutoSameLowerReflect.Transpose, LargeAutoSameLowerReflect.WeightsGradient, LargeAutoSameLowerReflect.ToMatrix),
        // H 16→6: total 5·3+3−16 = 2; W 50→17: total 16·3+3−50 = 1
        Rw<float>(typeof(LargeAutoSameUpperStride3Replicate), Conv(3, 16, 50, 2, 3, 3) with { Stride = 3, PadTop = 1, PadBottom = 1, PadLeft = 0, PadRight = 1, PaddingMode = Replicate },
            LargeAutoSameUpperStride3Replicate.Forward, LargeAutoSameUpperStride3Replicate.Transpose, LargeAutoSameUpperStride3Replicate.WeightsGradient, LargeAutoSameUpperStride3Replicate.ToMatrix),
        RwB<float>(typeof(LargeDepthwiseCircular), Conv(8, 12, 16, 8, 3, 3) with { Groups = 8, Pad = 1, Bias = true, Relu = true, PaddingMode = Circular },
            LargeDepthwiseCircular.Forward, LargeDepthwiseCircular.Transpose, LargeDepthwiseCircular.WeightsGradient, LargeDepthwiseCircular.BiasGradient, LargeDepthwiseCircular.ToMatrix),

        // ---- [ConvTranspose2D] ----
        Rw<float>(typeof(TconvStride2), Transposed(2, 3, 3, 2, 3, 3) with { Stride = 2 },
            TconvStride2.Forward, TconvStride2.Transpose, TconvStride2.WeightsGradient, TconvStride2.ToMatrix),
        Rw<float>(typeof(TconvPad1), Transposed(2, 4, 4, 2, 3, 3) with { Pad = 1 },
            TconvPad1.Forward, TconvPad1.Transpose, TconvPad1.WeightsGradient, TconvPad1.ToMatrix),
        Rw<float>(typeof(TconvPadHW), Transposed(1, 3, 4, 2, 3, 3) with { Stride = 2, PadH = 1, PadW = 2 },
            TconvPadHW.Forward, TconvPadHW.Transpose, TconvPadHW.WeightsGradient, TconvPadHW.ToMatrix),
        Rw<float>(typeof(TconvAsym), Transposed(2, 3, 4, 1, 3, 3) with { Stride = 2, PadTop = 2, PadBottom = 0, PadLeft = 1, PadRight = 2 },
            TconvAsym.Forward, TconvAsym.Transpose, TconvAsym.WeightsGradient, TconvAsym.ToMatrix),
        Rw<float>(typeof(TconvOutPad), Transposed(1, 4, 3, 2, 3, 3) with { Stride = 2, Pad = 1, OutPadH = 1, OutPadW = 1 },
            TconvOutPad.Forward, TconvOutPad.Transpose, TconvOutPad.WeightsGradient, TconvOutPad.ToMatrix),
        Rw<float>(typeof(TconvOutPadHW), Transposed(2, 3, 3, 2, 3, 2) with { StrideH = 3, StrideW = 2, OutPadH = 2, OutPadW = 1 },
            TconvOutPadHW.Forward, TconvOutPadHW.Transpose, TconvOutPadHW.WeightsGradient, TconvOutPadHW.ToMatrix),
        Rw<float>(typeof(TconvDilOutPad), Transposed(2, 3, 3, 2, 2, 3) with { StrideH = 1, StrideW = 2, DilationH = 2, DilationW = 3, OutPadH = 1, OutPadW = 2 },
            TconvDilOutPad.Forward, TconvDilOutPad.Transpose, TconvDilOutPad.WeightsGradient, TconvDilOutPad.ToMatrix),
        Rw<float>(typeof(TconvStride1DilOutPad), Transposed(1, 3, 4, 2, 2, 3) with { Dilation = 3, OutPadH = 2, OutPadW = 2 },
            TconvStride1DilOutPad.Forward, TconvStride1DilOutPad.Transpose, TconvStride1DilOutPad.WeightsGradient, TconvStride1DilOutPad.ToMatrix),
        Rw<float>(typeof(TconvDil2), Transposed(2, 4, 4, 2, 3, 3) with { Dilation = 2, Pad = 1 },
            TconvDil2.Forward, TconvDil2.Transpose, TconvDil2.WeightsGradient, TconvDil2.ToMatrix),
        Rw<float>(typeof(TconvGroups2), Transposed(4, 3, 3, 6, 3, 3) with { Groups = 2, Stride = 2, Pad = 1 },
            TconvGroups2.Forward, TconvGroups2.Transpose, TconvGroups2.WeightsGradient, TconvGroups2.ToMatrix),
        Rw<float>(typeof(TconvDepthwise), Transposed(3, 4, 4, 3, 3, 3) with { Groups = 3, Stride = 2, Pad = 1, OutPadH = 1, OutPadW = 1 },
            TconvDepthwise.Forward, TconvDepthwise.Transpose, TconvDepthwise.WeightsGradient, TconvDepthwise.ToMatrix),
        RwB<float>(typeof(TconvBiasRelu), Transposed(2, 3, 3, 3, 2, 2) with { Stride = 2, Bias = true, Relu = true },
            TconvBiasRelu.Forward, TconvBiasRelu.Transpose, TconvBiasRelu.WeightsGradient, TconvBiasRelu.BiasGradient, TconvBiasRelu.ToMatrix),
        RwB<double>(typeof(TconvFlipBiasDouble), Transposed(2, 3, 4, 2, 3, 3) with { Stride = 2, Pad = 1, Flip = true, Bias = true },
            TconvFlipBiasDouble.Forward, TconvFlipBiasDouble.Transpose, TconvFlipBiasDouble.WeightsGradient, TconvFlipBiasDouble.BiasGradient, TconvFlipBiasDouble.ToMatrix),
        Cw<float>(typeof(TconvConst), Transposed(1, 3, 3, 2, 2, 2) with { Stride = 2 }, [1, 0.5, -1, 2, 0, 0, 3, -0.25],
            TconvConst.Forward, TconvConst.Transpose, TconvConst.ToMatrix),
        CwB<double>(typeof(TconvConstBiasDouble), Transposed(2, 3, 3, 1, 3, 3) with { Pad = 1, Bias = true }, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, -1, 0, 1, -2, 0, 2, -1, 0, 1],
            TconvConstBiasDouble.Forward, TconvConstBiasDouble.Transpose, TconvConstBiasDouble.BiasGradient, TconvConstBiasDouble.ToMatrix),
        RwB<float>(typeof(TconvFull), Transposed(2, 3, 3, 2, 3, 3) with { Stride = 2, Pad = 1, OutPadH = 1, OutPadW = 1, Bias = true },
            TconvFull.Forward, TconvFull.Transpose, TconvFull.WeightsGradient, TconvFull.BiasGradient, TconvFull.ToMatrix),
        Rw<float>(typeof(TconvFullGroupsDilFlip), Transposed(4, 3, 3, 4, 2, 2) with { Groups = 2, Stride = 2, Dilation = 2, Flip = true },
            TconvFullGroupsDilFlip.Forward, TconvFullGroupsDilFlip.Transpose, TconvFullGroupsDilFlip.WeightsGradient, TconvFullGroupsDilFlip.ToMatrix),
        Rw<float>(typeof(TconvAutoValid), Transposed(1, 3, 3, 2, 3, 3) with { Stride = 2, OutPadH = 1, OutPadW = 1 },
            TconvAutoValid.Forward, TconvAutoValid.Transpose, TconvAutoValid.WeightsGradient, TconvAutoValid.ToMatrix),
        // AutoPad, resolved by hand: H' = H·s, total = s·(H−1) + outPad + dil·(P−1) + 1 − H·s; SameUpper: top = total/2; SameLower: bottom = total/2
        // H 3→6: total 4+2+1−6 = 1; W 4→8: total 6+2+1−8 = 1
        Rw<float>(typeof(TconvSameUpper), Transposed(2, 3, 4, 2, 3, 3) with { Stride = 2, PadTop = 0, PadBottom = 1, PadLeft = 0, PadRight = 1 },
            TconvSameUpper.Forward, TconvSameUpper.Transpose, TconvSameUpper.WeightsGradient, TconvSameUpper.ToMatrix),
        Rw<float>(typeof(TconvSameLower), Transposed(2, 3, 4, 2, 3, 3) with { Stride = 2, PadTop = 1, PadBottom = 0, PadLeft = 1, PadRight = 0 },
            TconvSameLower.Forward, TconvSameLower.Transpose, TconvSameLower.WeightsGradient, TconvSameLower.ToMatrix),
        // H 3→9: total 6+4+1−9 = 2; W 3→9: total 6+3+1−9 = 1
        RwB<float>(typeof(TconvSameUpperStride3), Transposed(1, 3, 3, 2, 5, 4) with { Stride = 3, PadTop = 1, PadBottom = 1, PadLeft = 0, PadRight = 1, Bias = true },
            TconvSameUpperStride3.Forward, TconvSameUpperStride3.Transpose, TconvSameUpperStride3.WeightsGradient, TconvSameUpperStride3.BiasGradient, TconvSameUpperStride3.ToMatrix),
        // H 3→6: total 4+1+2+1−6 = 2; W 3→6: total 4+0+2·1+1−6 = 1
        Rw<float>(typeof(TconvSameLowerOutPadDil), Transposed(2, 3, 3, 2, 3, 2) with { Stride = 2, DilationW = 2, OutPadH = 1, PadTop = 1, PadBottom = 1, PadLeft = 1, PadRight = 0 },
            TconvSameLowerOutPadDil.Forward, TconvSameLowerOutPadDil.Transpose, TconvSameLowerOutPadDil.WeightsGradient, TconvSameLowerOutPadDil.ToMatrix),

        // ---- larger [ConvTranspose2D]: looped and SIMD code ----
        Rw<float>(typeof(LargeTconvDecoder), Transposed(8, 10, 12, 4, 4, 4) with { Stride = 2, Pad = 1 },
            LargeTconvDecoder.Forward, LargeTconvDecoder.Transpose, LargeTconvDecoder.WeightsGradient, LargeTconvDecoder.ToMatrix),
        Rw<float>(typeof(LargeTconvGroupsDil), Transposed(4, 8, 16, 4, 3, 3) with { Groups = 2, Dilation = 2, Pad = 1 },
            LargeTconvGroupsDil.Forward, LargeTconvGroupsDil.Transpose, LargeTconvGroupsDil.WeightsGradient, LargeTconvGroupsDil.ToMatrix),
        RwB<double>(typeof(LargeTconvDouble), Transposed(3, 8, 10, 2, 3, 3) with { Stride = 2, Pad = 1, OutPadH = 1, OutPadW = 1, Bias = true },
            LargeTconvDouble.Forward, LargeTconvDouble.Transpose, LargeTconvDouble.WeightsGradient, LargeTconvDouble.BiasGradient, LargeTconvDouble.ToMatrix),
        Cw<float>(typeof(LargeTconvConst), Transposed(2, 12, 16, 1, 3, 3) with { Stride = 2 }, [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25, 0, -1, 0, 1, 0, -1, 0, 1, 0],
            LargeTconvConst.Forward, LargeTconvConst.Transpose, LargeTconvConst.ToMatrix),
        RwB<float>(typeof(LargeTconvPointwise), Transposed(8, 3, 21, 10, 1, 1) with { Groups = 2, Bias = true },
            LargeTconvPointwise.Forward, LargeTconvPointwise.Transpose, LargeTconvPointwise.WeightsGradient, LargeTconvPointwise.BiasGradient, LargeTconvPointwise.ToMatrix),
        Rw<float>(typeof(LargeTconvDepthwise), Transposed(8, 8, 16, 8, 4, 4) with { Groups = 8, Stride = 2, Pad = 1 },
            LargeTconvDepthwise.Forward, LargeTconvDepthwise.Transpose, LargeTconvDepthwise.WeightsGradient, LargeTconvDepthwise.ToMatrix),
        RwB<float>(typeof(LargeTconvWidth19), Transposed(2, 6, 19, 3, 3, 3) with { Pad = 1, Bias = true, Relu = true },
            LargeTconvWidth19.Forward, LargeTconvWidth19.Transpose, LargeTconvWidth19.WeightsGradient, LargeTconvWidth19.BiasGradient, LargeTconvWidth19.ToMatrix),
        Rw<float>(typeof(LargeTconvWidth37), Transposed(2, 5, 37, 2, 3, 3) with { Stride = 2, Pad = 1, OutPadH = 1, OutPadW = 1, Flip = true },
            LargeTconvWidth37.Forward, LargeTconvWidth37.Transpose, LargeTconvWidth37.WeightsGradient, LargeTconvWidth37.ToMatrix),
        // H 8→16: total 14+2+1−16 = 1; W 20→40: total 38+2+1−40 = 1
        Rw<float>(typeof(LargeTconvSameUpper), Transposed(4, 8, 20, 2, 3, 3) with { Stride = 2, PadTop = 0, PadBottom = 1, PadLeft = 0, PadRight = 1 },
            LargeTconvSameUpper.Forward, LargeTconvSameUpper.Transpose, LargeTconvSameUpper.WeightsGradient, LargeTconvSameUpper.ToMatrix),
        // H 6→18: total 15+4+1−18 = 2; W 17→51: total 48+3+1−51 = 1
        RwB<float>(typeof(LargeTconvSameLowerStride3), Transposed(2, 6, 17, 2, 5, 4) with { Stride = 3, PadTop = 1, PadBottom = 1, PadLeft = 1, PadRight = 0, Bias = true },
            LargeTconvSameLowerStride3.Forward, LargeTconvSameLowerStride3.Transpose, LargeTconvSameLowerStride3.WeightsGradient, LargeTconvSameLowerStride3.BiasGradient, LargeTconvSameLowerStride3.ToMatrix),
        Rw<float>(typeof(LargeTconvDilOutPad), Transposed(2, 8, 16, 2, 3, 3) with { Stride = 2, Dilation = 3, Pad = 1, OutPadH = 2, OutPadW = 2 },
            LargeTconvDilOutPad.Forward, LargeTconvDilOutPad.Transpose, LargeTconvDilOutPad.WeightsGradient, LargeTconvDilOutPad.ToMatrix),
        Rw<float>(typeof(LargeTconvScatterOverBudget), Transposed(64, 1, 8, 1, 1, 5) with { DilationW = 512 },
            LargeTconvScatterOverBudget.Forward, LargeTconvScatterOverBudget.Transpose, LargeTconvScatterOverBudget.WeightsGradient, LargeTconvScatterOverBudget.ToMatrix),
        Rw<float>(typeof(LargeTconvWideKernel), Transposed(2, 4, 40, 2, 3, 30),
            LargeTconvWideKernel.Forward, LargeTconvWideKernel.Transpose, LargeTconvWideKernel.WeightsGradient, LargeTconvWideKernel.ToMatrix),
    ];
}
