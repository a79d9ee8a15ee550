//! A browser property replaced for one test: `Shadowed` defines an own
//! property (undefined, or a stand-in function) and puts back what was
//! there when dropped, so a test can run the app as an engine without
//! that capability would.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

pub struct Shadowed {
    object: Object,
    name: &'static str,
    /// The own property it replaced, if `object` had one (a prototype's
    /// method); else dropping deletes the stand-in.
    original: Option<Object>,
}

impl Shadowed {
    /// `object.name` reads as undefined.
    pub fn hide(object: impl Into<JsValue>, name: &'static str) -> Self {
        Self::with(object, name, JsValue::UNDEFINED)
    }

    /// `object.name` is `value`.
    pub fn with(object: impl Into<JsValue>, name: &'static str, value: JsValue) -> Self {
        let object: Object = object.into().unchecked_into();
        let original = Object::get_own_property_descriptor(&object, &name.into());
        let original = (!original.is_undefined()).then(|| original.unchecked_into());
        let descriptor = Object::new();
        Reflect::set(&descriptor, &"value".into(), &value).unwrap();
        Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
        Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE).unwrap();
        Object::define_property(&object, &name.into(), &descriptor);
        Self {
            object,
            name,
            original,
        }
    }
}

impl Drop for Shadowed {
    fn drop(&mut self) {
        match &self.original {
            Some(original) => {
                Object::define_property(&self.object, &self.name.into(), original);
            }
            None => {
                Reflect::delete_property(&self.object, &self.name.into()).ok();
            }
        }
    }
}

/// A JavaScript function from its parameters and body.
pub fn function(parameters: &str, body: &str) -> js_sys::Function {
    js_sys::Function::new_with_args(parameters, body)
}
