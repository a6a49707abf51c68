// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Train tab's left column: dataset, preset, one spin box per run parameter (built from the
// parameter table), device, Train / Pause / Stop / Step and the progress bar. It renders a
// TrainingSession and sends every edit to it; it keeps no copy of the run's state.
#include <QGroupBox>

#include <map>
#include <string>

class QAbstractSpinBox;
class QComboBox;
class QFormLayout;
class QVBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace latentlab::ui {

class TrainingSession;
class WordsProgressBar;

class SetupPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit SetupPanel(TrainingSession& session, QWidget* parent = nullptr);

    /// The spin box of a run parameter (its table key), for tests and presentation mode.
    QAbstractSpinBox* paramBox(const std::string& key) const;
    /// Presentation mode: advanced rows hidden, the panel grows with the font by `scale`.
    void setPresentation(bool on, double scale);
    QString problemText() const;
    /// Why the last run failed, while it is shown beside the settings ("" otherwise).
    QString failureText() const;
    bool trainEnabled() const;
    const QPushButton* trainButton() const { return m_train; }
    static constexpr int kWidth = 360; // pixels at the normal font

signals:
    /// Train, Step or a failed start: the window shows errors in a dialog.
    void startFailed(const QString& message);

private:
    void buildDatasetRow();
    void buildMessages(); // hint, problem and last failure
    void buildParams();
    void buildButtons();
    void showConfig();
    void showState();
    void showProgress();

    TrainingSession& m_session;
    QVBoxLayout* m_column;
    QFormLayout* m_form;
    QComboBox *m_dataset = nullptr, *m_preset = nullptr, *m_device = nullptr;
    std::map<std::string, QAbstractSpinBox*> m_params;
    QLabel *m_hint = nullptr, *m_problem = nullptr;
    QLabel* m_failure = nullptr;
    QPushButton *m_train = nullptr, *m_pause = nullptr, *m_stop = nullptr, *m_step = nullptr;
    WordsProgressBar* m_progress = nullptr;
};

/// A dataset folder's spec: MNIST-layout IDX files, CelebA (attribute list present) or plain images.
QString datasetSpecForFolder(const QString& dir);

} // namespace latentlab::ui
