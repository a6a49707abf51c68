// The Explore view's editing side: encoding test images and image files, the default condition,
// clearing for another model, what a session keeps of the view, recording and presentation.
#include "ui/explore_view.h"

#include "core/image.h"
#include "ui/dataset_browser.h"
#include "ui/grid_panels.h"
#include "ui/image_convert.h"
#include "ui/image_view.h"
#include "ui/interpolation_panel.h"
#include "ui/latent_scatter.h"
#include "ui/scatter_axes.h"
#include "ui/slider_panel.h"
#include "ui/compare_panel.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/data/image_preprocess.h"
#endif

#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QTabWidget>

#include <tuple>

namespace latentlab::ui {

ExploreSettings ExploreView::settings() const
{
    ExploreSettings e;
    e.point = m_z;
    e.condition = m_condition;
    e.attribute = m_attribute->currentIndex() > 0 ? m_attribute->currentText().toStdString() : std::string();
    e.amount = m_amount->value();
    e.interpolationA = m_interpolation->endpoint(0);
    e.interpolationB = m_interpolation->endpoint(1);
    e.spherical = m_interpolation->spherical();
    std::tie(e.scatterDimX, e.scatterDimY) = m_axes->dimensions();
    e.sourceTestImage = m_sourceIndex;
    e.sourceFile = m_sourceFile.toStdString();
    e.tab = m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&')).toStdString();
    return e;
}

void ExploreView::applySettings(const ExploreSettings& e)
{
    if (m_model.empty())
        return;
    if (e.scatterDimX > 0 && e.scatterDimY > 0)
        m_axes->setDimensions(e.scatterDimX, e.scatterDimY);
    else
        m_axes->usePrincipalDirections();
    const int attribute = e.attribute.empty() ? 0 : m_attribute->findText(QString::fromStdString(e.attribute));
    if (attribute < 0)
        showStatus(tr("The session's attribute \"%1\" is not in this dataset").arg(QString::fromStdString(e.attribute)), true);
    m_attribute->setCurrentIndex(std::max(0, attribute));
    m_amount->setValue(attribute > 0 ? e.amount : 0);
    if (!e.condition.empty())
        setCondition(e.condition);
    for (int which : {0, 1}) {
        const auto& p = which ? e.interpolationB : e.interpolationA;
        if (p.size() == size_t(m_model.info().latentDim()))
            m_interpolation->setEndpoint(which, p);
    }
    m_interpolation->setSpherical(e.spherical);
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->tabText(i).remove(QLatin1Char('&')).toStdString() == e.tab)
            m_tabs->setCurrentIndex(i);
    restoreSource(e);
    if (!e.point.empty())
        setLatentPoint(e.point);
}

void ExploreView::setRecording(bool on)
{
    if (on == m_recording)
        return;
    m_recording = on;
    {
        const QSignalBlocker block(m_record);
        m_record->setChecked(on);
    }
    m_record->setText(on ? tr("Stop recording") : tr("Record"));
    if (on) {
        m_recorded.clear();
        if (!m_current->image().isNull())
            m_recorded.push_back(m_current->image()); // the morph starts where the image is now
    } else if (!m_recorded.empty()) {
        emit recordingFinished();
    }
}

void ExploreView::setPresentation(bool on, const QString& caption)
{
    m_tabs->setTabVisible(m_tabs->indexOf(m_compare), !on);
    m_caption->setText(caption);
    m_caption->setVisible(on && !caption.isEmpty());
}

bool ExploreView::testImageSource(int64_t index, Image& image, QString& caption) const
{
    if (m_data.empty() || index < 0 || index >= m_data.info().testCount)
        return false;
    image = m_data.images(true, index, 1).front();
    caption = tr("test image %1").arg(index);
    const int64_t label = index < int64_t(m_codes.labels.size()) ? m_codes.labels[size_t(index)] : -1;
    if (label >= 0 && size_t(label) < m_classNames.size())
        caption += QStringLiteral(" (%1)").arg(QString::fromStdString(m_classNames[size_t(label)]));
    return true;
}

void ExploreView::encodeTestImage(int64_t index)
{
    Image image;
    QString caption;
    if (!testImageSource(index, image, caption))
        return;
    const ModelInfo& mi = m_model.info();
    std::vector<float> cond;
    const int64_t label = index < int64_t(m_codes.labels.size()) ? m_codes.labels[size_t(index)] : -1;
    if (mi.conditional()) {
        // Encode with the image's own condition, which the sliders then start from.
        if (mi.conditionFromLabels) {
            cond.assign(size_t(mi.conditionDim), 0.0f);
            if (label >= 0 && label < mi.conditionDim)
                cond[size_t(label)] = 1.0f;
        } else {
            cond = m_data.attributes(true, index);
        }
    }
    encodeImage(image, cond, caption);
    m_sourceIndex = index;
    m_sourceFile.clear();
}

bool ExploreView::fileSource(const QString& path, Image& image)
{
    if (m_model.empty()) {
        showStatus(tr("Train a model or open a checkpoint before encoding %1").arg(path), true);
        return false;
    }
#ifdef LATENTLAB_HAVE_PIXELS
    const auto& in = m_model.info().config.model.input;
    if (in[1] != in[2]) {
        showStatus(tr("%1: this model takes %2x%3 images; only square inputs can be prepared from files").arg(path).arg(in[2]).arg(in[1]), true);
        return false;
    }
    // Digits datasets are light on dark: a dark-on-light drawing is inverted to match.
    bool dark = false;
    if (!m_data.empty() && m_data.info().testCount > 0) {
        const Image first = m_data.images(true, 0, 1).front();
        double border = 0;
        for (int i = 0; i < first.width; ++i)
            border += first.at(i, 0) + first.at(i, first.height - 1);
        dark = border / (2.0 * first.width) < 128;
    }
    try {
        image = prepareImageFile(path.toStdString(), in[0], in[1], 0, dark);
        return true;
    } catch (const std::exception& e) {
        showStatus(QString::fromStdString(e.what()), true);
        return false;
    }
#else
    showStatus(tr("%1: this build cannot read image files (built without OpenCV)").arg(path), true);
    return false;
#endif
}

bool ExploreView::encodeImageFile(const QString& path)
{
    Image image;
    if (!fileSource(path, image))
        return false;
    // A file says nothing about its attributes: encode it in the default context, not with
    // whatever the sliders were left at.
    encodeImage(image, defaultCondition(), QFileInfo(path).fileName());
    m_sourceIndex = -1;
    m_sourceFile = QFileInfo(path).absoluteFilePath();
    return true;
}

void ExploreView::restoreSource(const ExploreSettings& e)
{
    // Shown as it was, not encoded again: the session's point is restored exactly.
    Image image;
    QString caption;
    if (e.sourceTestImage >= 0 && testImageSource(e.sourceTestImage, image, caption)) {
        m_sourceIndex = e.sourceTestImage;
    } else if (!e.sourceFile.empty() && fileSource(QString::fromStdString(e.sourceFile), image)) {
        m_sourceFile = QString::fromStdString(e.sourceFile);
        caption = QFileInfo(m_sourceFile).fileName();
    } else {
        return;
    }
    m_source->setImage(toQImage(image));
    m_sourceCaption->setText(caption);
}

std::vector<float> ExploreView::defaultCondition() const
{
    const ModelInfo& mi = m_model.info();
    std::vector<float> c(size_t(mi.conditionDim), 0.0f);
    if (c.empty())
        return c;
    if (mi.conditionFromLabels) {
        c[0] = 1.0f; // one class at a time, like the training data
    } else if (!m_data.empty() && m_data.info().testCount > 0) {
        // A combination the model saw (e.g. exactly one hair colour): the first test image's.
        std::vector<float> a = m_data.attributes(true, 0);
        if (a.size() == c.size())
            c = a;
    }
    return c;
}

void ExploreView::clearModel()
{
    m_interpolation->setPlaying(false);
    m_model = Model();
    m_data = Dataset();
    m_codes = LatentCodes();
    m_classNames.clear();
    m_basis = LatentBasis();
    m_z.clear();
    m_condition.clear();
    m_attributeVector.clear();
    m_shapeKey.clear();
    resetAmount();
    m_decoder.setModel(Model());
    m_current->clear();
    m_source->clear();
    m_sourceCaption->clear();
    m_sourceIndex = -1;
    m_sourceFile.clear();
    m_scatter->clearAll();
    m_interpolation->clear();
    for (GridPanel* panel : std::initializer_list<GridPanel*> {m_samples, m_traversal, m_manifold})
        panel->view()->clear();
    showStatus(QString(), false);
    m_stack->setCurrentIndex(0);
}

void ExploreView::encodeImage(const Image& image, const std::vector<float>& condition, const QString& caption)
{
    m_source->setImage(toQImage(image));
    m_sourceCaption->setText(caption);
    showStatus(QString(), false);
    QPointer<ExploreView> self(this);
    m_decoder.submit(kChannelEncode, this, [image, condition, self](const Model& m) {
        std::vector<float> z = m.encodeImages({image}, condition);
        return std::function<void()>([self, z, condition] {
            if (!self || self->m_model.empty() || z.size() != size_t(self->m_model.info().latentDim()))
                return;
            self->m_z = z;
            if (condition.size() == self->m_condition.size()) {
                self->m_condition = condition;
                self->m_conditionSliders->setValues(condition);
            }
            self->resetAmount();
            self->syncSliders();
            self->pointChanged();
        });
    });
}

void ExploreView::setLatentPoint(const std::vector<float>& z)
{
    if (m_model.empty() || z.size() != size_t(m_model.info().latentDim()))
        return;
    m_z = z;
    syncSliders();
    pointChanged();
}

void ExploreView::setCondition(const std::vector<float>& condition)
{
    if (condition.size() != m_condition.size())
        return;
    m_condition = condition;
    m_conditionSliders->setValues(m_condition);
    pointChanged();
}

ExploreState ExploreView::state() const
{
    ExploreState s;
    s.model = m_model;
    s.codes = m_codes;
    s.basis = m_basis;
    s.point = point();
    s.condition = m_condition;
    s.projection = m_scatter->projection();
    s.xMin = m_scatter->xAxis->range().lower;
    s.xMax = m_scatter->xAxis->range().upper;
    s.yMin = m_scatter->yAxis->range().lower;
    s.yMax = m_scatter->yAxis->range().upper;
    return s;
}

std::vector<float> ExploreView::point() const
{
    std::vector<float> p = m_z;
    if (m_attributeVector.size() == p.size())
        for (size_t k = 0; k < p.size(); ++k)
            p[k] += m_amountValue * m_attributeVector[k];
    return p;
}

} // namespace latentlab::ui
