#!/usr/bin/env bash
# Regenerates the pictures, avatars and videos of the demo CDN under src/demo/data/media/.
# The results are committed; run this only to change them. Needs ImageMagick (convert),
# cwebp (package webp), gst-launch-1.0 (gstreamer1.0-tools, -plugins-good for vp8enc and
# webmmux) and the Noto CJK fonts. Output is deterministic enough for review, not byte-exact.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/src/demo/data/media"
convert="${CONVERT:-convert}"
font_bold=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$out/img" "$out/avatar" "$out/video"
rm -f "$out"/img/* "$out"/avatar/* "$out"/video/*

# picture NAME FORMAT TOP BOTTOM CAPTION CAPTION-COLOUR DRAW...
# A portrait card (800x1000, the usual note ratio) with a vertical gradient, a few shapes
# and a caption. PNGs are posterised so that they stay small; JPEG and WebP keep the
# smooth gradient.
picture () {
  local name="$1" format="$2" top="$3" bottom="$4" caption="$5" ink="$6"
  shift 6
  local args=(-size 800x1000 "gradient:$top-$bottom")
  local shape token previous
  # Shapes are written as words; in the word after -draw, "_" stands for a space.
  for shape in "$@"; do
    previous=
    for token in $shape; do
      if [ "$previous" = -draw ]; then
        token="${token//_/ }"
      fi
      args+=("$token")
      previous="$token"
    done
  done
  args+=(-stroke none -font "$font_bold" -pointsize 72 -fill "$ink" -gravity south
         -annotate +0+120 "$caption" -gravity northwest)
  case "$format" in
    jpg)  "$convert" "${args[@]}" -strip -quality 82 "$out/img/$name.jpg" ;;
    png)  "$convert" "${args[@]}" -strip +dither -colors 48 -define png:compression-level=9 \
            "$out/img/$name.png" ;;
    webp) "$convert" "${args[@]}" -strip "$tmp/$name.png"
          cwebp -quiet -q 78 "$tmp/$name.png" -o "$out/img/$name.webp" ;;
    *) echo "unknown format $format" >&2; exit 1 ;;
  esac
}

picture peach-blossom jpg '#ffd1dc' '#ffb07c' '春日桃花' '#ffffffee' \
  '-fill #ffffff -draw circle_400,420_400,260' \
  '-fill #ff8fab -draw circle_250,300_250,250 -draw circle_560,560_560,520'
picture matcha-latte png '#d8f3dc' '#95d5b2' '抹茶拿铁' '#2d6a4f' \
  '-fill none -stroke #ffffff -strokewidth 28 -draw ellipse_520,470_80,95_0,360' \
  '-stroke none -fill #ffffff -draw roundrectangle_250,300_520,640_30,30' \
  '-fill #74c69d -draw rectangle_270,330_500,380'
picture west-lake webp '#cde8ff' '#7fb3d5' '西湖晨雾' '#ffffff' \
  '-fill #5b8fb9 -draw polygon_0,700_220,420_420,700' \
  '-fill #3e7cb1 -draw polygon_250,700_520,360_800,700' \
  '-fill #2a5d8a -draw rectangle_0,700_800,1000'
picture night-city jpg '#1b1f3b' '#53354a' '城市夜景' '#ffd166' \
  '-fill #2b2d42 -draw rectangle_60,420_200,820 -draw rectangle_220,300_360,820' \
  '-fill #3d405b -draw rectangle_380,380_520,820 -draw rectangle_540,250_700,820' \
  '-fill #ffd166 -draw rectangle_250,340_270,360 -draw rectangle_300,400_320,420 -draw rectangle_580,300_600,320 -draw rectangle_640,380_660,400 -draw rectangle_420,430_440,450' \
  '-fill #fefae0 -draw circle_650,140_650,100'
picture ocean-sunset webp '#ffcad4' '#f4845f' '海边日落' '#ffffff' \
  '-fill #ffe66d -draw circle_400,560_400,400' \
  '-fill #4ea8de -draw rectangle_0,600_800,1000' \
  '-fill #5390d9 -draw rectangle_0,680_800,700 -draw rectangle_0,760_800,775'
picture cozy-home png '#fff1e6' '#fde2e4' '温馨小窝' '#9d8189' \
  '-fill #f4a261 -draw polygon_200,450_400,270_600,450' \
  '-fill #ffffff -draw rectangle_240,450_560,720' \
  '-fill #e9c46a -draw rectangle_360,560_440,720 -fill #a8dadc -draw rectangle_270,490_340,550 -draw rectangle_460,490_530,550'
picture morning-run jpg '#caf0f8' '#90e0ef' '晨跑打卡' '#023e8a' \
  '-fill #ffb703 -draw circle_620,220_620,150' \
  '-fill #0077b6 -draw ellipse_400,620_260,50_0,360' \
  '-fill #00b4d8 -draw ellipse_400,620_180,30_0,360'
picture weekend-reading webp '#f1e3d3' '#d4a373' '周末读书' '#5e3023' \
  '-fill #9c6644 -draw rectangle_200,600_600,660' \
  '-fill #bc6c25 -draw rectangle_240,540_560,600' \
  '-fill #dda15e -draw rectangle_220,480_580,540' \
  '-fill #fefae0 -draw rectangle_260,300_540,470'
picture kitty png '#ffe5ec' '#ffc2d1' '猫咪日常' '#a4133c' \
  '-fill #6d6875 -draw polygon_250,300_300,180_350,290 -draw polygon_450,290_500,180_550,300' \
  '-fill #6d6875 -draw circle_400,420_400,250' \
  '-fill #ffffff -draw circle_330,400_330,370 -draw circle_470,400_470,370' \
  '-fill #ffafcc -draw polygon_385,470_415,470_400,490'
picture film-camera jpg '#e9edc9' '#ccd5ae' '胶片色调' '#283618' \
  '-fill #283618 -draw roundrectangle_180,330_620,640_30,30' \
  '-fill #606c38 -draw circle_400,490_400,370' \
  '-fill #dde5b6 -draw circle_400,490_400,430 -fill #fefae0 -draw rectangle_220,290_320,330'
picture lipstick webp '#ffe0e9' '#ff9ebb' '口红试色' '#ffffff' \
  '-fill #c9184a -draw rectangle_250,300_330,520 -draw rectangle_380,260_460,520 -draw rectangle_510,320_590,520' \
  '-fill #6c757d -draw rectangle_240,520_340,720 -draw rectangle_370,520_470,720 -draw rectangle_500,520_600,720'
picture hotpot jpg '#fff3b0' '#e09f3e' '重庆火锅' '#9e2a2b' \
  '-fill #540b0e -draw ellipse_400,560_300,140_0,180' \
  '-fill #e63946 -draw ellipse_400,560_280,60_0,360' \
  '-fill #ffffff -draw ellipse_330,320_20,70_0,360 -draw ellipse_400,300_20,80_0,360 -draw ellipse_470,320_20,70_0,360'
picture gadget-desk png '#e2eafc' '#b6ccfe' '数码好物' '#3a0ca3' \
  '-fill #3a0ca3 -draw roundrectangle_160,330_640,640_20,20' \
  '-fill #caf0f8 -draw rectangle_185,355_615,615' \
  '-fill #4361ee -draw rectangle_120,650_680,690 -draw roundrectangle_660,480_720,640_10,10'
picture spring-outfit webp '#f8edeb' '#fcd5ce' '春季穿搭' '#6d597a' \
  '-fill #b5838d -draw polygon_310,280_490,280_560,400_520,420_520,720_280,720_280,420_240,400' \
  '-fill #f8edeb -draw polygon_360,280_440,280_400,340'

# avatar NAME BACKGROUND CHARACTER: a round initial on a square, like default profile pictures.
avatar () {
  "$convert" -size 200x200 xc:white -fill "$2" -draw 'circle 100,100 100,0' \
    -font "$font_bold" -pointsize 96 -fill white -gravity center -annotate +0+0 "$3" \
    -strip -quality 85 "$out/avatar/$1.jpg"
}

avatar meizhuang '#ff85a1' 美
avatar lulu '#f4a261' 露
avatar xiaomei '#e76f51' 梅
avatar chuanda '#b5838d' 搭
avatar chihuo '#e63946' 吃
avatar lvxing '#2a9d8f' 旅
avatar xiaowu '#8ab17d' 屋
avatar jianshen '#0077b6' 健
avatar shuma '#4361ee' 数
avatar dushu '#9c6644' 书
avatar maomi '#6d6875' 喵
avatar sheying '#283618' 影
avatar zhouzhou '#7b2cbf' 周
avatar tiantian '#f77f00' 甜
avatar shanshui '#457b9d' 山
avatar haibian '#48cae4' 海

# video NAME PATTERN: 3 s, 30 fps, 480x600 VP8 in WebM; GStreamer (GtkVideo) plays it.
video () {
  gst-launch-1.0 -q videotestsrc num-buffers=90 pattern="$2" ${3:+$3} \
    ! video/x-raw,width=480,height=600,framerate=30/1 \
    ! vp8enc target-bitrate=400000 deadline=1 keyframe-max-dist=30 \
    ! webmmux ! filesink location="$out/video/$1.webm"
}

video spring-makeup ball 'background-color=0xffffd1dc foreground-color=0xffff5d8f animation-mode=frames'
video city-walk pinwheel 'background-color=0xff1b1f3b foreground-color=0xffffd166'

du -ch "$out"/*/* | tail -1
