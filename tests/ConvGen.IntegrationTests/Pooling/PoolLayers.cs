using ConvGen;

namespace ConvGen.IntegrationTests.Pooling;

// Every pooling attribute on the shapes that take different code: default strides (the kernel), padding (−∞ or zeros),
// one-sided padding, AutoPad, dilation, CeilMode with a last window past the padded end, CountIncludePad off, stride 1
// (vectorized columns, widths not multiples of a vector), long rows (the per-thread row buffer), float and double.
[MaxPool1D(3, 20, 3)] public static partial class PMax1;
[MaxPool1D(2, 17, 4, Stride = 2, Padding = 2, Dilation = 2, CeilMode = true)] public static partial class PMax1Ceil;
[MaxPool1D(1, 5000, 2, ElementType = typeof(double))] public static partial class PMax1Long;
[MaxPool1D(2, 45, 3, Stride = 1, Padding = 1)] public static partial class PMax1Stride1;
[AvgPool1D(3, 20, 3, Stride = 2, Padding = 1)] public static partial class PAvg1;
[AvgPool1D(2, 11, 4, Stride = 3, Padding = 2, CeilMode = true, CountIncludePad = false, ElementType = typeof(double))] public static partial class PAvg1Ceil;

[MaxPool2D(16, 8, 8, 2, 2)] public static partial class PMax2Digits;
[MaxPool2D(3, 9, 11, 3, 3, Stride = 2, Padding = 1, CeilMode = true)] public static partial class PMax2Ceil;
[MaxPool2D(2, 12, 40, 3, 3, Stride = 1, Padding = 1)] public static partial class PMax2Stride1;
[MaxPool2D(2, 10, 37, 2, 3, Stride = 1, DilationH = 2, DilationW = 3, PaddingTop = 1, PaddingRight = 1, ElementType = typeof(double))] public static partial class PMax2Dilated;
[MaxPool2D(2, 7, 7, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))] public static partial class PMax2Same;
[MaxPool2D(1, 6, 9, 2, 4, StrideH = 3, PaddingW = 2)] public static partial class PMax2Mixed;
[AvgPool2D(4, 9, 10, 3, 3, Stride = 2, Padding = 1)] public static partial class PAvg2;
[AvgPool2D(2, 7, 9, 3, 2, Stride = 2, Padding = 1, CeilMode = true, CountIncludePad = false)] public static partial class PAvg2Ceil;
[AvgPool2D(3, 6, 40, 3, 3, Stride = 1, Padding = 1, ElementType = typeof(double))] public static partial class PAvg2Stride1;
[AvgPool2D(1, 5, 5, 5, 5)] public static partial class PAvg2Global;
[AvgPool2D(2, 8, 8, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameLower, CountIncludePad = false)] public static partial class PAvg2Same;

[MaxPool3D(2, 5, 6, 7, 2, 2, 2)] public static partial class PMax3;
[MaxPool3D(1, 6, 7, 9, 3, 3, 3, Stride = 2, Padding = 1, CeilMode = true, ElementType = typeof(double))] public static partial class PMax3Ceil;
[MaxPool3D(2, 4, 5, 19, 2, 2, 3, StrideT = 1, StrideH = 1, StrideW = 1, DilationW = 2)] public static partial class PMax3Stride1;
[AvgPool3D(2, 4, 6, 20, 2, 3, 3, StrideT = 1, StrideH = 2, StrideW = 1, Padding = 1)] public static partial class PAvg3;
[AvgPool3D(1, 6, 6, 6, 3, 3, 3, Stride = 2, CeilMode = true, CountIncludePad = false, ElementType = typeof(double))] public static partial class PAvg3Ceil;
