// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingSession's config side: what Train runs (a preset with the user's edits, a dataset, a
// device), checked before it starts, and the checkpoint files a model comes from and goes to.
#include "ui/models/training_session.h"
#include "ui/models/core_texts.h"

#include "core/data/file_io.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/training/checkpoint.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace latentlab::ui {

namespace {

bool isConvolutional(const RunConfig& c)
{
    return std::any_of(c.model.encoder.begin(), c.model.encoder.end(),
                       [](const LayerSpec& l) { return l.type == "conv2d"; });
}

} // namespace

// --- What Train runs -------------------------------------------------------------------------

const RunConfig* TrainingSession::findPreset(const std::string& name) const
{
    const auto it = std::find_if(m_presets.begin(), m_presets.end(), [&](const RunConfig& p) { return p.name == name; });
    return it == m_presets.end() ? nullptr : &*it;
}

bool TrainingSession::choosePreset(const QString& name)
{
    const RunConfig* it = findPreset(name.toStdString());
    if (!it)
        return false;
    const std::string dataset = m_config.dataset;
    m_checkpoint.clear();
    m_base = m_config = *it;
    m_config.dataset = dataset;
    // A face architecture on a digits dataset cannot train: offer the faces instead.
    if (it->model.input[0] == 3 && QString::fromStdString(dataset).contains(QStringLiteral("mnist")))
        m_config.dataset = "synthfaces";
    emit configChanged();
    return true;
}

void TrainingSession::setDataset(const QString& spec)
{
    const std::string s = spec.trimmed().toStdString();
    if (s == m_config.dataset)
        return;
    m_config.dataset = s;
    emit configChanged();
}

void TrainingSession::setDevice(const QString& device)
{
    if (device.toStdString() == m_config.training.device)
        return;
    m_config.training.device = device.toStdString();
    emit configChanged();
}

bool TrainingSession::paramEditable(const std::string& key) const
{
    const RunParam& p = runParam(key);
    if (running() && !p.live)
        return false;
    if (key == "latent")
        return !m_base.model.fixedLatent;
    if (key == "beta" || key == "warmup")
        return m_base.model.kind != ModelKind::Autoencoder;
    return true;
}

QString TrainingSession::setParam(const std::string& key, double value)
{
    try {
        const RunParam& p = runParam(key);
        if (p.get(m_config) == value)
            return QString();
        if (!paramEditable(key))
            return tr("%1 cannot change now").arg(coreText(p.label));
        setRunParam(m_config, key, value, m_config.name);
        if (running() && p.live)
            m_controller.setLiveParam(key, value);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    emit configChanged();
    return QString();
}

void TrainingSession::applyConfig(const RunConfig& config)
{
    m_checkpoint.clear();
    const RunConfig* preset = findPreset(config.name);
    m_base = preset ? *preset : config;
    m_config = config;
    emit configChanged();
}

QString TrainingSession::hint() const
{
    QStringList parts;
    if (m_base.model.fixedLatent)
        parts << tr("This architecture fixes the latent size at %1.").arg(m_base.model.latent);
    if (m_base.model.kind == ModelKind::Autoencoder)
        parts << tr("A plain autoencoder has no KL term, so beta does not apply.");
    const QString spec = QString::fromStdString(m_config.dataset);
    const bool hasAttributes = spec.startsWith(QStringLiteral("synthfaces")) || spec.startsWith(QStringLiteral("celeba:")) ||
                               spec.startsWith(QStringLiteral("cache:"));
    if (m_base.model.condition == ConditionSource::Attributes && !hasAttributes)
        parts << tr("Needs a dataset with attributes (synthfaces, celeba:FOLDER).");
    return parts.join(QLatin1Char(' '));
}

QString TrainingSession::problem() const
{
    const QString spec = QString::fromStdString(m_config.dataset);
    const QString name = QString::fromStdString(m_base.name);
    if (spec.isEmpty())
        return tr("Choose a dataset.");
    const bool digits = spec.startsWith(QStringLiteral("mnist")) || spec.startsWith(QStringLiteral("fashion-mnist"));
    const bool faces = spec.startsWith(QStringLiteral("synthfaces")) || spec.startsWith(QStringLiteral("celeba:"));
    const bool conv = isConvolutional(m_base);
    if (m_base.model.condition == ConditionSource::Attributes && !faces && !spec.startsWith(QStringLiteral("cache:")))
        return tr("%1 conditions on face attributes: use synthfaces or celeba:FOLDER.").arg(name);
    if (conv && m_base.model.input[0] == 1 && faces)
        return tr("%1 is built for 28x28 gray images; faces are 64x64 RGB (use an MLP preset or conv-cvae-faces).").arg(name);
    if (conv && m_base.model.input[0] == 3 && digits)
        return tr("%1 is built for 64x64 RGB faces; digits are 28x28 gray.").arg(name);
    return QString();
}

// --- Files -----------------------------------------------------------------------------------

QString TrainingSession::currentCheckpoint() const
{
    const QString run = m_runFolder + QStringLiteral("/checkpoint");
    return !m_runFolder.isEmpty() && QFile::exists(run) ? run : m_checkpoint;
}

QString TrainingSession::openCheckpoint(const QString& path)
{
    if (running())
        return tr("Stop training before opening a checkpoint.");
    stopFollowing();
    ModelInfo info;
    try {
        info = readCheckpointInfo(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    RunConfig config = info.config;
    config.dataset = info.datasetSpec;
    m_openedRunEpochs = info.config.training.epochs; // the length of the run that wrote it
    config.training.epochs = std::max(1, info.epoch); // Epochs is the total: what the checkpoint has trained
    applyConfig(config);
    m_checkpoint = path;
    m_runFolder.clear();
    m_history = info.history;
    return launch({path, info.epoch, true});
}

void TrainingSession::closeModel()
{
    if (running())
        return;
    stopFollowing();
    m_checkpoint.clear();
    m_runFolder.clear();
    resetModel({});
}

QString TrainingSession::saveCheckpointAs(const QString& path) const
{
    const QString src = currentCheckpoint();
    if (src.isEmpty() || !QFile::exists(src))
        return tr("No epoch has finished yet.");
    if (QFileInfo(src).absoluteFilePath() == QFileInfo(path).absoluteFilePath())
        return QString();
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    if (!QFile::copy(src, partial) || !(QFile::remove(path) || !QFile::exists(path)) || !QFile::rename(partial, path)) {
        QFile::remove(partial);
        return tr("%1: cannot write the checkpoint").arg(path);
    }
    return QString();
}

} // namespace latentlab::ui
