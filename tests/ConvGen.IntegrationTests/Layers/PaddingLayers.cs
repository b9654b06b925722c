namespace ConvGen.IntegrationTests;

// Small [Conv2D] layers for the padding modes (Reflect, Replicate, Circular) and AutoPad, each at most
// 1,024 multiply-adds per sample (straight-line code). PaddingTransposeLayers.Registry.cs repeats every
// geometry by hand, padding resolved from the SPEC's / ONNX's formulas. Multiply-adds per sample
// (D·H'·W'·(C/G)·P·Q) after each.

// ---- Reflect ----
[Conv2D(2, 5, 5, 2, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class ReflectPad1;                                   // 2·5·5·2·9 = 900

[Conv2D(1, 4, 6, 2, 3, 3, PaddingH = 2, PaddingW = 1, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class ReflectPerAxis;                                // 6×6: 2·36·9 = 648

[Conv2D(2, 5, 6, 1, 3, 2, PaddingTop = 2, PaddingBottom = 0, PaddingLeft = 1, PaddingRight = 3, PaddingMode = ConvPaddingMode.Reflect)]
public partial struct ReflectAsym;                                         // 5×9: 1·45·2·6 = 540

// Reflect at its limit: padding = size − 1 on both axes.
[Conv2D(1, 3, 4, 2, 2, 3, PaddingH = 2, PaddingW = 3, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class ReflectLimit;                                  // 6×8: 2·48·6 = 576

[Conv2D(2, 7, 7, 2, 3, 3, Padding = 2, Stride = 2, Dilation = 2, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class ReflectStrideDil;                              // 4×4: 2·16·2·9 = 576

[Conv2D(4, 5, 5, 2, 3, 3, Padding = 1, Groups = 2, Bias = true, Activation = ConvActivation.Relu, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class ReflectGroupsBiasRelu;                         // 5×5: 2·25·2·9 = 900

[Conv2D(2, 4, 5, 2, 3, 3, PaddingH = 1, PaddingW = 2, Flip = true, ElementType = typeof(double), PaddingMode = ConvPaddingMode.Reflect)]
public partial record ReflectFlipDouble;                                   // 4×7: 2·28·2·9 = 1,008

[Conv2D(1, 5, 5, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect,
    Weights = new double[] { 0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625 })]
public static partial class ReflectConstBlur;                              // 5×5: 225

// ---- Replicate ----
[Conv2D(2, 5, 5, 2, 3, 3, Padding = 1, Bias = true, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class ReplicatePad1Bias;                             // 900

[Conv2D(1, 4, 5, 2, 3, 3, PaddingTop = 0, PaddingBottom = 3, PaddingLeft = 2, PaddingRight = 1, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class ReplicateAsym;                                 // 5×6: 2·30·9 = 540

// Replicate has no limit: padding larger than the input.
[Conv2D(1, 2, 3, 1, 2, 2, PaddingH = 3, PaddingW = 4, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class ReplicateBeyondInput;                          // 7×10: 70·4 = 280

[Conv2D(2, 6, 7, 2, 3, 3, Padding = 1, StrideH = 2, DilationW = 2, PaddingMode = ConvPaddingMode.Replicate)]
public partial record struct ReplicateStrideDil;                           // 3×5: 2·15·2·9 = 540

[Conv2D(2, 4, 4, 2, 2, 2, Padding = 2, Activation = ConvActivation.Relu, ElementType = typeof(double), PaddingMode = ConvPaddingMode.Replicate)]
public static partial class ReplicateReluDouble;                           // 7×7: 2·49·2·4 = 784

[Conv2D(1, 4, 4, 2, 2, 2, Padding = 1, Flip = true, PaddingMode = ConvPaddingMode.Replicate,
    Weights = new double[] { 1, -1, 0, 0, 0.5, 0, 0, -0.5 })]
public static partial class ReplicateConstFlip;                            // 5×5: 2·25·4 = 200

// ---- Circular ----
[Conv2D(2, 5, 5, 2, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Circular)]
public static partial class CircularPad1;                                  // 900

// Circular at its limit: padding = size on both axes.
[Conv2D(1, 3, 4, 1, 3, 3, PaddingH = 3, PaddingW = 4, PaddingMode = ConvPaddingMode.Circular)]
public static partial class CircularLimit;                                 // 7×10: 70·9 = 630

[Conv2D(2, 4, 3, 2, 2, 2, PaddingH = 4, PaddingW = 3, Stride = 2, PaddingMode = ConvPaddingMode.Circular)]
public static partial class CircularLimitStride;                           // 6×4: 2·24·2·4 = 384

[Conv2D(1, 5, 6, 2, 3, 3, PaddingTop = 1, PaddingBottom = 3, PaddingLeft = 4, PaddingRight = 0, DilationH = 2, PaddingMode = ConvPaddingMode.Circular)]
public static partial class CircularAsymDil;                               // 5×8: 2·40·9 = 720

[Conv2D(4, 4, 4, 2, 3, 3, Padding = 1, Groups = 2, Bias = true, PaddingMode = ConvPaddingMode.Circular)]
public static partial class CircularGroupsBias;                            // 4×4: 2·16·2·9 = 576

[Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, ElementType = typeof(double), PaddingMode = ConvPaddingMode.Circular,
    Weights = new double[] { 0, 1, 0, 1, -4, 1, 0, 1, 0 })]
public static partial class CircularConstLaplaceDouble;                    // 4×4: 144

// ---- AutoPad (ONNX: H' = ceil(H/stride), total = (H'−1)·stride + dil·(P−1) + 1 − H) ----
[Conv2D(2, 6, 7, 2, 3, 3, AutoPad = ConvAutoPad.Valid, Stride = 2)]
public static partial class AutoValidStride2;                              // 2×3: 2·6·2·9 = 216

[Conv2D(1, 8, 9, 2, 2, 3, AutoPad = ConvAutoPad.Valid, Stride = 3)]
public static partial class AutoValidStride3;                              // 3×3: 2·9·6 = 108

[Conv2D(2, 7, 6, 1, 3, 2, AutoPad = ConvAutoPad.Valid, DilationH = 2, Bias = true)]
public static partial class AutoValidDilBias;                              // 3×5: 15·2·6 = 180

[Conv2D(1, 5, 6, 2, 3, 4, AutoPad = ConvAutoPad.SameUpper)]
public static partial class AutoSameUpper;                                 // 5×6: 2·30·12 = 720

[Conv2D(2, 4, 5, 1, 2, 4, AutoPad = ConvAutoPad.SameLower)]
public static partial class AutoSameLower;                                 // 4×5: 20·2·8 = 320

[Conv2D(2, 7, 8, 2, 3, 3, AutoPad = ConvAutoPad.SameUpper, Stride = 2)]
public static partial class AutoSameUpperStride2;                          // 4×4: 2·16·2·9 = 576

[Conv2D(2, 7, 8, 2, 3, 3, AutoPad = ConvAutoPad.SameLower, Stride = 2)]
public static partial class AutoSameLowerStride2;                          // 576

[Conv2D(1, 10, 11, 2, 4, 5, AutoPad = ConvAutoPad.SameUpper, Stride = 3)]
public static partial class AutoSameUpperStride3;                          // 4×4: 2·16·20 = 640

[Conv2D(1, 9, 8, 2, 3, 3, AutoPad = ConvAutoPad.SameLower, Stride = 3, Dilation = 2)]
public static partial class AutoSameLowerStride3Dil;                       // 3×3: 2·9·9 = 162

[Conv2D(2, 6, 10, 2, 3, 3, AutoPad = ConvAutoPad.SameUpper, StrideH = 2, StrideW = 3, Bias = true)]
public static partial class AutoSameUpperStrideHW;                         // 3×4: 2·12·2·9 = 432

[Conv2D(2, 5, 6, 2, 3, 3, AutoPad = ConvAutoPad.SameUpper, Stride = 2, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class AutoSameUpperReflect;                          // 3×3: 2·9·2·9 = 324

[Conv2D(1, 5, 5, 2, 4, 4, AutoPad = ConvAutoPad.SameLower, PaddingMode = ConvPaddingMode.Circular)]
public static partial class AutoSameLowerCircular;                         // 5×5: 2·25·16 = 800

[Conv2D(2, 6, 6, 2, 2, 2, AutoPad = ConvAutoPad.SameUpper, Flip = true, ElementType = typeof(double), PaddingMode = ConvPaddingMode.Replicate)]
public static partial class AutoSameUpperReplicateDouble;                  // 6×6: 2·36·2·4 = 576

[Conv2D(1, 6, 6, 1, 3, 3, AutoPad = ConvAutoPad.SameLower, Stride = 2, Activation = ConvActivation.Relu,
    Weights = new double[] { -1, -1, -1, -1, 8, -1, -1, -1, -1 })]
public static partial class AutoSameLowerConstRelu;                        // 3×3: 81
