// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Explore view's grid tabs: random samples, latent traversals and the manifold over the
// scatter's visible region. Each decodes on the explore model's DecodeService on its own channel.
#include "ui/models/explore_state.h"

#include <QImage>
#include <QStringList>
#include <QWidget>

class QLabel;
class QSpinBox;

namespace latentlab::ui {

class Exploration;
class ImageView;

/// Base: an image view with a row of controls above it.
class GridPanel : public QWidget {
    Q_OBJECT
public:
    GridPanel(Exploration& model, int channel, QWidget* parent = nullptr);
    /// What the panel decodes for a state with its current settings: codes (rows x columns), the
    /// condition, and row labels. Empty codes: nothing to show for this state.
    struct Grid {
        std::vector<float> codes;
        int columns = 0;
        std::vector<float> condition;
        QStringList rowLabels;
    };
    virtual Grid grid(const ExploreState& state) const = 0;
    /// Decodes again for this state (call when the point, condition or model changed).
    void refresh(const ExploreState& state);
    /// The grid for this state decoded now, on this thread, with a copy of the weights: exactly
    /// the image the panel shows once its decode arrives (exports use it, shown or not).
    QImage imageNow(const ExploreState& state) const;
    ImageView* view() const { return m_view; }
    /// The codes of the grid shown last, row-major (for tests).
    const std::vector<float>& codes() const { return m_codes; }
    /// Presentation mode: tiles drawn at least `pixels` a side (0 = any size). The grid then shows
    /// as many columns and rows as fit at that size, up to its settings, and follows the panel's
    /// size; a lecture hall reads a 4 x 4 manifold of large tiles, not a 12 x 12 one of small ones.
    /// The settings row above the grid is hidden meanwhile.
    void setMinimumTile(int pixels);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    /// At most `wanted` columns (rows), fewer when the minimum tile size leaves room for fewer;
    /// never below `least`. `margin` is the room row labels take on each side.
    int fitColumns(int wanted, int least = 2, int margin = 0) const;
    int fitRows(int wanted, int least = 1) const;
    /// How many tiles of the minimum size fit across and down now (any number without one).
    QSize tilesThatFit() const;
    QLayout* controls() const;
    /// A one-line explanation above the grid that wraps instead of widening the window.
    static QLabel* explanation(const QString& text);
    Exploration& m_model;
    int m_channel;
    ImageView* m_view;
    QWidget* m_controls; // the row of settings above the grid
    std::vector<float> m_codes;
    ExploreState m_last;
    int m_minimumTile = 0;
    QSize m_fitted; // tilesThatFit() at the last refresh
};

class SampleGridPanel : public GridPanel {
    Q_OBJECT
public:
    explicit SampleGridPanel(Exploration& model, QWidget* parent = nullptr);
    Grid grid(const ExploreState& state) const override;

private:
    QSpinBox* m_n;
    quint64 m_seed = 1;
};

class TraversalPanel : public GridPanel {
    Q_OBJECT
public:
    explicit TraversalPanel(Exploration& model, QWidget* parent = nullptr);
    Grid grid(const ExploreState& state) const override;

private:
    QSpinBox *m_rows, *m_steps;
};

class ManifoldPanel : public GridPanel {
    Q_OBJECT
public:
    explicit ManifoldPanel(Exploration& model, QWidget* parent = nullptr);
    Grid grid(const ExploreState& state) const override;

private:
    QSpinBox* m_n;
};

} // namespace latentlab::ui
