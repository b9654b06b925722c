namespace ConvGen.IntegrationTests;

// [ConvTranspose2D] layers. H' = (H−1)·stride − padTop − padBottom + dil·(P−1) + outPad + 1; weights
// C × (D/G) × P × Q. Multiply-adds per sample (C·H·W·(D/G)·P·Q, every scattered tap) after each; the
// small ones are at most 1,024 (straight-line code), the large ones 2k–60k (looped and SIMD code).

// ---- small ----
[ConvTranspose2D(2, 3, 3, 2, 3, 3, Stride = 2)]
public static partial class TconvStride2;                                  // 7×7: 2·9·2·9 = 324

[ConvTranspose2D(2, 4, 4, 2, 3, 3, Padding = 1)]
public static partial class TconvPad1;                                     // 4×4: 2·16·2·9 = 576

[ConvTranspose2D(1, 3, 4, 2, 3, 3, Stride = 2, PaddingH = 1, PaddingW = 2)]
public partial struct TconvPadHW;                                          // 5×5: 12·2·9 = 216

[ConvTranspose2D(2, 3, 4, 1, 3, 3, Stride = 2, PaddingTop = 2, PaddingBottom = 0, PaddingLeft = 1, PaddingRight = 2)]
public static partial class TconvAsym;                                     // 5×6: 2·12·9 = 216

[ConvTranspose2D(1, 4, 3, 2, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1)]
public static partial class TconvOutPad;                                   // 8×6: 12·2·9 = 216

[ConvTranspose2D(2, 3, 3, 2, 3, 2, StrideH = 3, StrideW = 2, OutputPaddingH = 2, OutputPaddingW = 1)]
public static partial class TconvOutPadHW;                                 // 11×7: 2·9·2·6 = 216

// Dilation > stride, output padding ≥ stride (allowed: < max(stride, dilation)).
[ConvTranspose2D(2, 3, 3, 2, 2, 3, StrideH = 1, StrideW = 2, DilationH = 2, DilationW = 3, OutputPaddingH = 1, OutputPaddingW = 2)]
public static partial class TconvDilOutPad;                                // 6×13: 2·9·2·6 = 216

[ConvTranspose2D(1, 3, 4, 2, 2, 3, Dilation = 3, OutputPadding = 2)]
public partial record TconvStride1DilOutPad;                               // 8×12: 12·2·6 = 144

[ConvTranspose2D(2, 4, 4, 2, 3, 3, Dilation = 2, Padding = 1)]
public static partial class TconvDil2;                                     // 6×6: 2·16·2·9 = 576

[ConvTranspose2D(4, 3, 3, 6, 3, 3, Groups = 2, Stride = 2, Padding = 1)]
public static partial class TconvGroups2;                                  // 5×5: 4·9·3·9 = 972

[ConvTranspose2D(3, 4, 4, 3, 3, 3, Groups = 3, Stride = 2, Padding = 1, OutputPadding = 1)]
public static partial class TconvDepthwise;                                // 8×8: 3·16·9 = 432

[ConvTranspose2D(2, 3, 3, 3, 2, 2, Stride = 2, Bias = true, Activation = ConvActivation.Relu)]
public static partial class TconvBiasRelu;                                 // 6×6: 2·9·3·4 = 216

[ConvTranspose2D(2, 3, 4, 2, 3, 3, Stride = 2, Padding = 1, Flip = true, Bias = true, ElementType = typeof(double))]
public static partial class TconvFlipBiasDouble;                           // 5×7: 2·12·2·9 = 432

[ConvTranspose2D(1, 3, 3, 2, 2, 2, Stride = 2, Weights = new double[] { 1, 0.5, -1, 2, 0, 0, 3, -0.25 })]
public static partial class TconvConst;                                    // 6×6: 9·2·4 = 72

[ConvTranspose2D(2, 3, 3, 1, 3, 3, Padding = 1, Bias = true, ElementType = typeof(double), Weights = new double[]
{
    0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
    -1, 0, 1, -2, 0, 2, -1, 0, 1,
})]
public static partial class TconvConstBiasDouble;                          // 3×3: 2·9·9 = 162

[ConvTranspose2D(2, 3, 3, 2, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, Bias = true, Unroll = ConvUnroll.Full)]
public static partial class TconvFull;                                     // 6×6: 2·9·2·9 = 324

[ConvTranspose2D(4, 3, 3, 4, 2, 2, Groups = 2, Stride = 2, Dilation = 2, Flip = true, Unroll = ConvUnroll.Full)]
public static partial class TconvFullGroupsDilFlip;                        // 7×7: 4·9·2·4 = 288

[ConvTranspose2D(1, 3, 3, 2, 3, 3, Stride = 2, OutputPadding = 1, AutoPad = ConvAutoPad.Valid)]
public static partial class TconvAutoValid;                                // 8×8: 9·2·9 = 162

// AutoPad: H' = H·stride, total = stride·(H−1) + outPad + dil·(P−1) + 1 − H·stride.
[ConvTranspose2D(2, 3, 4, 2, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper)]
public static partial class TconvSameUpper;                                // 6×8: 2·12·2·9 = 432

[ConvTranspose2D(2, 3, 4, 2, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameLower)]
public static partial class TconvSameLower;                                // 6×8: 432

[ConvTranspose2D(1, 3, 3, 2, 5, 4, Stride = 3, Bias = true, AutoPad = ConvAutoPad.SameUpper)]
public static partial class TconvSameUpperStride3;                         // 9×9: 9·2·20 = 360

[ConvTranspose2D(2, 3, 3, 2, 3, 2, Stride = 2, DilationW = 2, OutputPaddingH = 1, AutoPad = ConvAutoPad.SameLower)]
public static partial class TconvSameLowerOutPadDil;                       // 6×6: 2·9·2·6 = 216

// ---- large ----
// The decoder case.
[ConvTranspose2D(8, 10, 12, 4, 4, 4, Stride = 2, Padding = 1)]
public static partial class LargeTconvDecoder;                             // 20×24: 8·120·4·16 = 61,440 taps, 55,936 inside the output

[ConvTranspose2D(4, 8, 16, 4, 3, 3, Groups = 2, Dilation = 2, Padding = 1)]
public static partial class LargeTconvGroupsDil;                           // 10×18: 4·128·2·9 = 9,216

[ConvTranspose2D(3, 8, 10, 2, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, Bias = true, ElementType = typeof(double))]
public static partial class LargeTconvDouble;                              // 16×20: 3·80·2·9 = 4,320

[ConvTranspose2D(2, 12, 16, 1, 3, 3, Stride = 2, Weights = new double[]
{
    0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25,
    0, -1, 0, 1, 0, -1, 0, 1, 0,
})]
public static partial class LargeTconvConst;                               // 25×33: 2·192·9 = 3,456

[ConvTranspose2D(8, 8, 16, 8, 4, 4, Groups = 8, Stride = 2, Padding = 1)]
public static partial class LargeTconvDepthwise;                           // 16×32: 8·128·16 = 16,384

[ConvTranspose2D(2, 6, 19, 3, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class LargeTconvWidth19;                             // 6×19: 2·114·3·9 = 6,156

[ConvTranspose2D(2, 5, 37, 2, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, Flip = true)]
public static partial class LargeTconvWidth37;                             // 10×74: 2·185·2·9 = 6,660

[ConvTranspose2D(4, 8, 20, 2, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper)]
public static partial class LargeTconvSameUpper;                           // 16×40: 4·160·2·9 = 11,520

[ConvTranspose2D(2, 6, 17, 2, 5, 4, Stride = 3, Bias = true, AutoPad = ConvAutoPad.SameLower)]
public static partial class LargeTconvSameLowerStride3;                    // 18×51: 2·102·2·20 = 8,160

// Dilation > stride, output padding ≥ stride.
[ConvTranspose2D(2, 8, 16, 2, 3, 3, Stride = 2, Dilation = 3, Padding = 1, OutputPadding = 2)]
public static partial class LargeTconvDilOutPad;                           // 21×37: 2·128·2·9 = 4,608

// Its scatter's destination rows (64 channels × 4,104 floats) exceed the 256 KiB stack budget while the gather's row
// buffer fits: Forward keeps the scalar kernel, Transpose (the gather) gets SIMD.
[ConvTranspose2D(64, 1, 8, 1, 1, 5, DilationW = 512)]
public static partial class LargeTconvScatterOverBudget;                   // 1×2056: 64·8·5 = 2,560

// A 30-wide kernel: the scatter's unrolled taps (blocks of 6 buffer rows with Vector512, 3 with Vector256/128)
// fit the IL budget with Vector256 and Vector128 only, so Forward dispatches to those (or the scalar kernel).
[ConvTranspose2D(2, 4, 40, 2, 3, 30)]
public static partial class LargeTconvWideKernel;                          // 6×69: 2·160·2·90 = 57,600

// A pointwise [ConvTranspose2D]: its Transpose (a gather) reads the planes in place, as one row of 63 positions.
[ConvTranspose2D(8, 3, 21, 10, 1, 1, Groups = 2, Bias = true)]
public static partial class LargeTconvPointwise;                           // 8·3·21·5 = 2,520
