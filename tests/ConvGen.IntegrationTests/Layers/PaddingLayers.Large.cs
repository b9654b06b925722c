namespace ConvGen.IntegrationTests;

// Larger [Conv2D] layers with padding modes, asymmetric padding and AutoPad: 2k–60k multiply-adds per
// sample and output width ≥ 16, so that the looped kernels and their Vector512/256/128 variants run.
// Multiply-adds per sample (D·H'·W'·(C/G)·P·Q) after each.

[Conv2D(3, 20, 24, 4, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class LargeReflect;                                  // 20×24: 4·480·3·9 = 51,840

[Conv2D(2, 32, 36, 4, 3, 3, Padding = 1, Stride = 2, Bias = true, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class LargeReplicateStride2;                         // 16×18: 4·288·2·9 = 20,736

[Conv2D(2, 16, 20, 3, 3, 3, Padding = 2, Dilation = 2, PaddingMode = ConvPaddingMode.Circular)]
public static partial class LargeCircularDil2;                             // 16×20: 3·320·2·9 = 17,280

[Conv2D(4, 12, 18, 4, 3, 3, PaddingTop = 0, PaddingBottom = 2, PaddingLeft = 2, PaddingRight = 1, Groups = 2)]
public static partial class LargeAsymGroups;                               // 12×19: 4·228·2·9 = 16,416

[Conv2D(4, 10, 20, 4, 3, 3, PaddingTop = 2, PaddingBottom = 1, PaddingLeft = 1, PaddingRight = 2, Groups = 2,
    Bias = true, Activation = ConvActivation.Relu, PaddingMode = ConvPaddingMode.Reflect)]
public partial struct LargeReflectAsymGroups;                              // 11×21: 4·231·2·9 = 16,632

// Stride 3 on a 50-wide input: the SIMD row buffer is split into three column phases.
[Conv2D(2, 12, 50, 3, 3, 3, Stride = 3, Padding = 1)]
public static partial class LargeStride3Width50;                           // 4×17: 3·68·2·9 = 3,672

// Stride 3 with a 50-wide output.
[Conv2D(1, 9, 150, 2, 3, 3, Stride = 3, Padding = 1, PaddingMode = ConvPaddingMode.Circular)]
public static partial class LargeStride3Out50Circular;                     // 3×50: 2·150·9 = 2,700

[Conv2D(2, 12, 18, 3, 3, 3, Padding = 1, Flip = true, Bias = true, ElementType = typeof(double), PaddingMode = ConvPaddingMode.Reflect)]
public static partial class LargeReflectFlipDouble;                        // 12×18: 3·216·2·9 = 11,664

[Conv2D(1, 16, 24, 2, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Circular, Weights = new double[]
{
    1, 0, -1, 2, 0, -2, 1, 0, -1,
    0.1, 0.2, 0.1, 0, 0, 0, -0.1, -0.2, -0.1,
})]
public static partial class LargeConstCircular;                            // 16×24: 2·384·9 = 6,912

[Conv2D(2, 24, 37, 3, 3, 3, AutoPad = ConvAutoPad.SameUpper, Stride = 2)]
public static partial class LargeAutoSameUpperStride2;                     // 12×19: 3·228·2·9 = 12,312

[Conv2D(2, 14, 37, 2, 4, 4, AutoPad = ConvAutoPad.SameLower, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class LargeAutoSameLowerReflect;                     // 14×37: 2·518·2·16 = 33,152

[Conv2D(3, 16, 50, 2, 3, 3, AutoPad = ConvAutoPad.SameUpper, Stride = 3, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class LargeAutoSameUpperStride3Replicate;            // 6×17: 2·102·3·9 = 5,508

[Conv2D(8, 12, 16, 8, 3, 3, Groups = 8, Padding = 1, Bias = true, Activation = ConvActivation.Relu, PaddingMode = ConvPaddingMode.Circular)]
public static partial class LargeDepthwiseCircular;                        // 12×16: 8·192·9 = 13,824
