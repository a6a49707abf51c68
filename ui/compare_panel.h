#pragma once
// Side by side: up to three checkpoints (e.g. an AE, a VAE and a CVAE trained on the same data)
// decode the same point, each next to its own latent scatter with the point marked. A plain AE's
// scatter shows why its decoder gives garbage in the gaps between clusters.
#include "core/data/dataset.h"
#include "ui/explore_state.h"

#include <QWidget>

class QGridLayout;
class QLabel;

namespace latentlab::ui {

class DecodeService;
class ImageView;
class LatentScatter;

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    ComparePanel(DecodeService& decoder, QWidget* parent = nullptr);
    void setDataset(const Dataset& data);
    void refresh(const ExploreState& state);
    /// Adds a column for the checkpoint; returns "" or why it cannot be compared.
    QString addCheckpoint(const QString& path);
    int columnCount() const { return int(m_columns.size()); }
    ImageView* view(int column) const { return m_columns[size_t(column)].view; }
    LatentScatter* scatter(int column) const { return m_columns[size_t(column)].scatter; }
    static constexpr int kMaxColumns = 3;

private:
    struct Column {
        Model model;
        QLabel* title = nullptr;
        ImageView* view = nullptr;
        LatentScatter* scatter = nullptr;
    };
    void decodeColumn(int index);
    void clearColumns();
    DecodeService& m_decoder;
    Dataset m_data;
    ExploreState m_last;
    std::vector<Column> m_columns;
    QGridLayout* m_grid;
    QLabel* m_hint;
};

} // namespace latentlab::ui
