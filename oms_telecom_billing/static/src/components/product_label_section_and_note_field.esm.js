// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {ProductLabelSectionAndNoteField} from "@account/components/product_label_section_and_note_field/product_label_section_and_note_field";
import {browser} from "@web/core/browser/browser";
import {onMounted} from "@odoo/owl";
import {patch} from "@web/core/utils/patch";
import {productAndLabelResizeTextArea} from "@account/core/utils/product_and_label_autoresize";
import {resizeTextArea} from "@web/core/utils/autoresize";

// A line's label is measured as it mounts, before the list gives its columns
// their final width: a text line that then wraps pushes the last ones out of
// sight (the invoiced period, below a service's premises and parameters).
// Measure it again once the list is laid out.
patch(ProductLabelSectionAndNoteField.prototype, {
    setup() {
        super.setup();
        onMounted(() =>
            browser.requestAnimationFrame(() => this.resizeLabelToContent())
        );
    },

    resizeLabelToContent() {
        const textarea = this.labelNode.el;
        if (textarea) {
            resizeTextArea(textarea);
            productAndLabelResizeTextArea(textarea, {
                targetParentName: this.props.name,
            });
        }
    },
});
