// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pages through the dataset's test images; clicking one picks it for encoding and editing.
#include "core/data/dataset.h"

#include <QWidget>

class QLabel;
class QSpinBox;

namespace latentlab::ui {

class ImageView;

class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(QWidget* parent = nullptr);
    void setDataset(const Dataset& data);
    ImageView* view() const { return m_view; }
    static constexpr int kColumns = 12, kRows = 4;

signals:
    /// A test image was clicked (index into the test split).
    void picked(int64_t testIndex);

private:
    void showPage();
    Dataset m_data;
    ImageView* m_view;
    QSpinBox* m_page;
    QLabel* m_info;
};

} // namespace latentlab::ui
