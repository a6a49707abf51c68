// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Side by side: up to three checkpoints (e.g. an AE, a VAE and a CVAE trained on the same data)
// decode the same point, each next to its own latent scatter with the point marked. A plain AE's
// scatter shows why its decoder gives garbage in the gaps between clusters. It renders the
// Exploration's comparisons.
#include <QWidget>

#include <vector>

class QGridLayout;
class QLabel;

namespace latentlab::ui {

class Exploration;
class ImageView;
class LatentScatter;

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit ComparePanel(Exploration& model, QWidget* parent = nullptr);
    /// Decodes the current point with every compared model (when the point changed).
    void refresh();
    /// Adds a column for the checkpoint; returns "" or why it cannot be compared.
    QString addCheckpoint(const QString& path);
    int columnCount() const { return int(m_columns.size()); }
    ImageView* view(int column) const { return m_columns[size_t(column)].view; }
    LatentScatter* scatter(int column) const { return m_columns[size_t(column)].scatter; }
    QString columnTitle(int column) const;

private:
    struct Column {
        QLabel* title = nullptr;
        ImageView* view = nullptr;
        LatentScatter* scatter = nullptr;
        bool plotted = false; // its codes are drawn
    };
    void showComparisons();
    void decodeColumn(int index);
    Exploration& m_model;
    std::vector<Column> m_columns;
    QGridLayout* m_grid;
    QLabel* m_hint;
};

} // namespace latentlab::ui
