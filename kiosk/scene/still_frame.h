#pragma once
// What poster and PDF scenes share: the box their pictures are decoded for, a picture drawn
// with `fit` over its `fill` (or the backdrop), and the caption band.
#include <memory>
#include <optional>

#include "media/still.h"
#include "scene/scene.h"
#include "scene/schedule.h"

namespace eco {

// The canvas the picture is shown on (1920×1080 or 1080×1920): decoded at that size, no larger.
void still_box(const Config& config, int& w, int& h);
Fit fit_of(const Slot& slot);
// The picture filling the canvas as `fit` says, on `fill` or the backdrop; the caption over it.
void draw_still(Painter& p, const SceneContext& ctx, const std::shared_ptr<const PixelImage>& image, Fit fit,
                const std::optional<Color>& fill, const LocalizedText& caption);

}  // namespace eco
